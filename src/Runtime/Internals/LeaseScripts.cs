using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace CacheGen.Internals;

/// <summary>What a lease attempt found.</summary>
internal enum LeaseOutcome
{
    /// <summary>Another caller holds the lease: wait.</summary>
    Held,

    /// <summary>This caller holds the lease: load and write.</summary>
    Granted,

    /// <summary>The value is there now: use it.</summary>
    Value,
}

/// <summary>
/// The Lua scripts of the lease protocol. Each is one atomic round trip; keys are the value key and the lease key,
/// which share a hash slot.
/// </summary>
internal static class LeaseScripts
{
    // KEYS[1] value, KEYS[2] lease; ARGV[1] token, ARGV[2] lease ttl (ms), ARGV[3] '1' to ignore an existing value.
    private const string TakeLease = """
        if ARGV[3] ~= '1' then
          local v = redis.call('GET', KEYS[1])
          if v then return {2, v} end
        end
        if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1} end
        return {0}
        """;

    // KEYS[1] value, KEYS[2] lease; ARGV[1] token, ARGV[2] bytes, ARGV[3] expiry (ms).
    // Writes only while this caller's token is still the lease: an invalidation deletes the lease, so a loader that
    // read the old row before the write committed cannot put it back.
    private const string WriteIfLeaseHeld = """
        if redis.call('GET', KEYS[2]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          redis.call('DEL', KEYS[2])
          return 1
        end
        return 0
        """;

    // KEYS[1] lease; ARGV[1] token. Releases the lease only if this caller still holds it.
    private const string ReleaseLease = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    public static async Task<(LeaseOutcome Outcome, RedisValue Value)> TakeAsync(IDatabaseAsync db, RedisKeys keys, string token, long leaseTtlMs, bool ignoreExistingValue)
    {
        var result = await db.ScriptEvaluateAsync(
            TakeLease,
            [keys.Value, keys.Lease],
            [token, leaseTtlMs, ignoreExistingValue ? "1" : "0"]).ConfigureAwait(false);
        var parts = (RedisResult[])result!;
        var code = (int)parts[0];
        return code switch
        {
            0 => (LeaseOutcome.Held, RedisValue.Null),
            1 => (LeaseOutcome.Granted, RedisValue.Null),
            2 => (LeaseOutcome.Value, (RedisValue)parts[1]),
            _ => throw new InvalidOperationException($"Unexpected lease script result {code}."),
        };
    }

    public static async Task<bool> WriteIfHeldAsync(IDatabaseAsync db, RedisKeys keys, string token, byte[] bytes, long expiryMs)
    {
        var result = await db.ScriptEvaluateAsync(
            WriteIfLeaseHeld,
            [keys.Value, keys.Lease],
            [token, bytes, expiryMs]).ConfigureAwait(false);
        return (long)result == 1;
    }

    public static async Task ReleaseAsync(IDatabaseAsync db, RedisKeys keys, string token)
    {
        await db.ScriptEvaluateAsync(ReleaseLease, [keys.Lease], [token]).ConfigureAwait(false);
    }

    public static string NewToken() => Guid.NewGuid().ToString("N");
}
