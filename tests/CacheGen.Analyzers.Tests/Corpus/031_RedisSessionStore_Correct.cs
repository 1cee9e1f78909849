// Session store over a shared multiplexer: sliding expiry on every write, KeyExpire after a write without expiry,
// keepTtl for in-place updates, and per-session index sets instead of keyspace scans.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.RedisSessions;

public sealed record SessionData(string UserId, string DisplayName, DateTimeOffset CreatedAt, Dictionary<string, string> Claims);

public static class RedisConnection
{
    private static readonly Lazy<ConnectionMultiplexer> LazyConnection = new(() =>
    {
        var options = ConfigurationOptions.Parse("redis:6379,abortConnect=false");
        options.ConnectRetry = 3;
        return ConnectionMultiplexer.Connect(options);
    });

    public static ConnectionMultiplexer Connection => LazyConnection.Value;
}

public sealed class RedisSessionStore
{
    private static readonly TimeSpan SlidingExpiry = TimeSpan.FromMinutes(20);
    private readonly IDatabase _db;

    public RedisSessionStore()
        : this(RedisConnection.Connection.GetDatabase())
    {
    }

    public RedisSessionStore(IDatabase db) => _db = db;

    private static string SessionKey(string sessionId) => $"session:{sessionId}";

    private static string UserSessionsKey(string userId) => $"user:{userId}:sessions";

    public async Task<SessionData?> GetAsync(string sessionId)
    {
        var key = SessionKey(sessionId);
        var raw = await _db.StringGetAsync(key);
        if (raw.IsNull)
        {
            return null;
        }

        // Sliding expiration: touch the TTL on every read.
        await _db.KeyExpireAsync(key, SlidingExpiry);
        return JsonSerializer.Deserialize<SessionData>(raw.ToString());
    }

    public async Task<string> CreateAsync(SessionData data)
    {
        var sessionId = Guid.NewGuid().ToString("N");
        var key = SessionKey(sessionId);
        var json = JsonSerializer.Serialize(data);
        await _db.StringSetAsync(key, json, SlidingExpiry);
        await _db.SetAddAsync(UserSessionsKey(data.UserId), sessionId);
        await _db.KeyExpireAsync(UserSessionsKey(data.UserId), TimeSpan.FromDays(1));
        return sessionId;
    }

    public async Task<bool> AddClaimAsync(string sessionId, string claim, string value)
    {
        var key = SessionKey(sessionId);
        var raw = await _db.StringGetAsync(key);
        if (raw.IsNull)
        {
            return false;
        }

        var session = JsonSerializer.Deserialize<SessionData>(raw.ToString())!;
        session.Claims[claim] = value;
        // Update in place, keep the remaining lifetime of the session.
        await _db.StringSetAsync(key, JsonSerializer.Serialize(session), null, keepTtl: true);
        return true;
    }

    public bool Rename(string sessionId, string displayName)
    {
        var key = SessionKey(sessionId);
        var raw = _db.StringGet(key);
        if (raw.IsNull)
        {
            return false;
        }

        var session = JsonSerializer.Deserialize<SessionData>(raw.ToString())! with { DisplayName = displayName };
        _db.StringSet(key, JsonSerializer.Serialize(session));
        _db.KeyExpire(key, SlidingExpiry);
        return true;
    }

    public async Task<int> SignOutEverywhereAsync(string userId)
    {
        var members = await _db.SetMembersAsync(UserSessionsKey(userId));
        var keys = members.Select(m => (RedisKey)SessionKey(m.ToString())).ToArray();
        var removed = await _db.KeyDeleteAsync(keys);
        await _db.KeyDeleteAsync(UserSessionsKey(userId));
        return (int)removed;
    }

    public async Task<IReadOnlyList<string>> ClaimNamesAsync(string sessionId)
    {
        // Claims mirrored into a hash: HashKeys lists fields of one key, not the keyspace.
        var fields = await _db.HashKeysAsync($"{SessionKey(sessionId)}:claims");
        return fields.Select(f => f.ToString()).ToList();
    }
}
