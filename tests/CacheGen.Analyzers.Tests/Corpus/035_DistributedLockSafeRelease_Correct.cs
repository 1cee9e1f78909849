// Distributed lock helpers that release only their own lock: LockRelease, a WATCH-style transaction with
// Condition.StringEqual, and the compare-and-delete script from the Redis documentation.
using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.SafeLocks;

public sealed class RedisLockHandle : IAsyncDisposable
{
    private const string ReleaseScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private readonly IDatabase _db;
    private readonly string _key;
    private readonly string _token;

    internal RedisLockHandle(IDatabase db, string key, string token)
    {
        _db = db;
        _key = key;
        _token = token;
    }

    public async ValueTask DisposeAsync()
    {
        await _db.ScriptEvaluateAsync(ReleaseScript, new RedisKey[] { _key }, new RedisValue[] { _token });
    }
}

public sealed class RedisLockProvider
{
    private readonly IDatabase _db;

    public RedisLockProvider(IConnectionMultiplexer redis) => _db = redis.GetDatabase();

    public async Task<RedisLockHandle?> TryAcquireAsync(string resource, TimeSpan expiry)
    {
        var key = $"lock:{resource}";
        var token = Guid.NewGuid().ToString("N");
        return await _db.StringSetAsync(key, token, expiry, When.NotExists)
            ? new RedisLockHandle(_db, key, token)
            : null;
    }

    public async Task<T?> WithLockAsync<T>(string resource, Func<Task<T>> work)
    {
        var key = $"lock:{resource}";
        var token = Guid.NewGuid().ToString("N");
        if (!await _db.LockTakeAsync(key, token, TimeSpan.FromSeconds(15)))
        {
            return default;
        }

        try
        {
            return await work();
        }
        finally
        {
            await _db.LockReleaseAsync(key, token);
        }
    }

    public async Task<bool> RunOnceAsync(string jobName, Func<Task> work)
    {
        var key = $"lock:job:{jobName}";
        var token = Guid.NewGuid().ToString("N");
        if (!await _db.StringSetAsync(key, token, TimeSpan.FromMinutes(2), When.NotExists))
        {
            return false;
        }

        try
        {
            await work();
            return true;
        }
        finally
        {
            var tran = _db.CreateTransaction();
            tran.AddCondition(Condition.StringEqual(key, token));
            _ = tran.KeyDeleteAsync(key);
            await tran.ExecuteAsync();
        }
    }

    public bool RefreshIndex(string indexName, Action rebuild)
    {
        var key = $"lock:index:{indexName}";
        var token = Environment.MachineName;
        if (!_db.StringSet(key, token, TimeSpan.FromSeconds(30), When.NotExists))
        {
            return false;
        }

        try
        {
            rebuild();
            _db.KeyDelete($"index:{indexName}:stale");
            return true;
        }
        finally
        {
            _db.ScriptEvaluate(
                "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
                new RedisKey[] { key },
                new RedisValue[] { token });
        }
    }

    public void SetAndClearFlag(string name)
    {
        // Overwrite semantics, no NX: a flag, not a lock.
        var key = $"flag:{name}";
        _db.StringSet(key, "on", TimeSpan.FromSeconds(10));
        Thread.Sleep(10);
        _db.KeyDelete(key);
    }
}
