// Nightly cleanup job written against a production instance: KEYS through Execute, a Lua script that calls KEYS,
// and IServer.Keys scans to find what to delete.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.KeyCleanup;

public sealed class CacheCleanupJob
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;

    public CacheCleanupJob(IConnectionMultiplexer redis)
    {
        _redis = redis;
        _db = redis.GetDatabase();
    }

    public async Task<int> PurgeTenantAsync(string tenantId)
    {
        var result = await _db.ExecuteAsync(
            "KEYS", // expect: CG1001
            $"tenant:{tenantId}:*");
        var keys = ((RedisResult[])result!).Select(r => new RedisKey(r.ToString())).ToArray();
        if (keys.Length == 0)
        {
            return 0;
        }

        return (int)await _db.KeyDeleteAsync(keys);
    }

    public long CountStaleSearches()
    {
        var result = _db.Execute("keys", "search:*"); // expect: CG1001
        return ((RedisResult[])result!).Length;
    }

    public async Task<long> PurgeByScriptAsync(string prefix)
    {
        var deleted = await _db.ScriptEvaluateAsync(
            "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) n = n + 1 end return n", // expect: CG1001
            values: new RedisValue[] { prefix + "*" });
        return (long)deleted;
    }

    public string[] FindLocks()
    {
        var result = _db.ScriptEvaluate(
            "return redis.call(\"keys\", ARGV[1])", // expect: CG1001
            null,
            new RedisValue[] { "lock:*" });
        return (string[])result!;
    }

    public async Task<int> PurgeExpiredCartsAsync(CancellationToken ct)
    {
        var count = 0;
        foreach (var endpoint in _redis.GetEndPoints())
        {
            var server = _redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            foreach (var key in server.Keys(pattern: "cart:*", pageSize: 500)) // expect: CG1002
            {
                ct.ThrowIfCancellationRequested();
                if (await _db.KeyTimeToLiveAsync(key) is null)
                {
                    await _db.KeyDeleteAsync(key);
                    count++;
                }
            }
        }

        return count;
    }

    public async Task<List<string>> ListProductKeysAsync()
    {
        var server = _redis.GetServer(_redis.GetEndPoints().First());
        var keys = new List<string>();
        await foreach (var key in server
                           .KeysAsync(pattern: "product:*")) // expect: CG1002
        {
            keys.Add(key.ToString());
        }

        return keys;
    }
}
