// Game backend utilities: a fixed-window rate limiter, a sorted-set leaderboard with a cached top-10, and an
// admin reset that scans the keyspace for leaderboards instead of keeping a registry of them.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.GameBackend;

public sealed record LeaderboardEntry(string PlayerId, double Score, long Rank);

public sealed class FixedWindowRateLimiter
{
    private readonly IDatabase _db;

    public FixedWindowRateLimiter(IConnectionMultiplexer redis) => _db = redis.GetDatabase();

    public async Task<bool> AllowAsync(string clientId, int limit, TimeSpan window)
    {
        var bucket = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / (long)window.TotalSeconds;
        var key = $"ratelimit:{clientId}:{bucket}";
        var count = await _db.StringIncrementAsync(key);
        if (count == 1)
        {
            await _db.KeyExpireAsync(key, window);
        }

        return count <= limit;
    }

    public bool AllowSliding(string clientId, int limit, TimeSpan window)
    {
        var key = $"ratelimit:sliding:{clientId}";
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var tran = _db.CreateTransaction();
        _ = tran.SortedSetRemoveRangeByScoreAsync(key, 0, now - (long)window.TotalMilliseconds);
        _ = tran.SortedSetAddAsync(key, Guid.NewGuid().ToString("N"), now);
        var countTask = tran.SortedSetLengthAsync(key);
        _ = tran.KeyExpireAsync(key, window);
        tran.Execute();
        return countTask.Result <= limit;
    }
}

public sealed class Leaderboard
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;

    public Leaderboard(IConnectionMultiplexer redis)
    {
        _redis = redis;
        _db = redis.GetDatabase();
    }

    private static string BoardKey(string season) => $"leaderboard:{season}";

    public async Task SubmitAsync(string season, string playerId, double score)
    {
        await _db.SortedSetAddAsync(BoardKey(season), playerId, score, SortedSetWhen.GreaterThan);
        await _db.SetAddAsync("leaderboards", season);
        await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal($"leaderboard:{season}:updated"), playerId);
    }

    public async Task<IReadOnlyList<LeaderboardEntry>> TopTenAsync(string season)
    {
        var cacheKey = $"{BoardKey(season)}:top10";
        var cached = await _db.StringGetAsync(cacheKey);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<List<LeaderboardEntry>>(cached.ToString())!;
        }

        var entries = await _db.SortedSetRangeByRankWithScoresAsync(BoardKey(season), 0, 9, Order.Descending);
        var top = entries.Select((e, i) => new LeaderboardEntry(e.Element.ToString(), e.Score, i + 1)).ToList();
        await _db.StringSetAsync(cacheKey, JsonSerializer.Serialize(top)); // expect: CG1006
        return top;
    }

    public async Task<long?> RankAsync(string season, string playerId) =>
        await _db.SortedSetRankAsync(BoardKey(season), playerId, Order.Descending) + 1;

    public async Task<int> ResetAllAsync()
    {
        var server = _redis.GetServers().First(s => !s.IsReplica);
        var boards = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: "leaderboard:*")) // expect: CG1002
        {
            boards.Add(key);
        }

        return (int)await _db.KeyDeleteAsync(boards.ToArray());
    }

    public async Task<int> ResetRegisteredAsync()
    {
        // The good way: boards are registered in a set when first written.
        var seasons = await _db.SetMembersAsync("leaderboards");
        var keys = seasons.Select(s => (RedisKey)BoardKey(s.ToString())).ToArray();
        var removed = await _db.KeyDeleteAsync(keys);
        await _db.KeyDeleteAsync("leaderboards");
        return (int)removed;
    }

    public IEnumerable<string> SeasonsOnServer(IServer server, int database) =>
        server.Keys(database, "leaderboard:*", 250).Select(k => k.ToString()); // expect: CG1002
}
