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
    // KEYS[1] value, KEYS[2] lease, KEYS[3] waiting; ARGV[1] token, ARGV[2] lease ttl (ms), ARGV[3] '1' to ignore an
    // existing value. A caller that finds the lease held marks the entry as waited for. Every lease CacheGen grants
    // is a string of 32 lowercase hex digits (a token) with an expiry: a key at the lease's name that is anything else
    // (another type, another text, no expiry) was not written by a lease holder, and waiting for it could last as long
    // as it does, so it is replaced.
    private const string TakeLease = """
        if ARGV[3] ~= '1' then
          local v = redis.call('GET', KEYS[1])
          if v then return {2, v} end
        end
        if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1} end
        local holder = redis.pcall('GET', KEYS[2])
        if type(holder) ~= 'string' or string.len(holder) ~= 32 or string.find(holder, '[^0-9a-f]')
            or redis.call('PTTL', KEYS[2]) == -1 then
          redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
          return {1}
        end
        redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
        return {0}
        """;

    // KEYS[1] value, KEYS[2] lease, KEYS[3] waiting; ARGV[1] token, ARGV[2] bytes, ARGV[3] expiry (ms), ARGV[4] the
    // channel of fill announcements. Writes only while this caller's token is still the lease: an invalidation deletes
    // the lease, so a loader that read the old row before the write committed cannot put it back. If somebody was
    // waiting, the script announces the write itself (no extra round trip); a server whose scripts cannot publish
    // leaves that to the client. 0: rejected; 1: written; 2: written, waited for, announce it; 3: written, announced.
    private const string WriteIfLeaseHeld = """
        if redis.call('GET', KEYS[2]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          redis.call('DEL', KEYS[2])
          if redis.call('DEL', KEYS[3]) == 0 then return 1 end
          local published = redis.pcall('PUBLISH', ARGV[4], KEYS[1])
          if type(published) == 'table' and published.err then return 2 end
          return 3
        end
        return 0
        """;

    // KEYS[1] lease, KEYS[2] waiting; ARGV[1] token, ARGV[2] the channel of fill announcements, ARGV[3] the value key
    // (the announcement's payload). Releases the lease
    // only if this caller still holds it, and announces it to waiters as the write does. Results as for the write.
    private const string ReleaseLease = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1])
          if redis.call('DEL', KEYS[2]) == 0 then return 1 end
          local published = redis.pcall('PUBLISH', ARGV[2], ARGV[3])
          if type(published) == 'table' and published.err then return 2 end
          return 3
        end
        return 0
        """;

    // KEYS[1] the tag's key; ARGV[1] a new token, ARGV[2] how long (ms) the tag must live at least: as long as the
    // entry about to be stamped with it. Returns the tag's token, made now when the tag has none (never used, or
    // invalidated: an invalidation deletes the key, so every entry stamped with the old token stops matching). A key
    // that is not a token (another type, other text) is replaced: that only invalidates more.
    private const string EnsureTagToken = """
        local v = redis.pcall('GET', KEYS[1])
        if type(v) ~= 'string' or not string.match(v, '^%-?%d+$') or v == '0' then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return ARGV[1]
        end
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return v
        """;

    /// <summary>The token of the tag at <paramref name="tagKey"/>, made when it has none, kept alive for <paramref name="lifetimeMs"/> at least.</summary>
    public static async Task<long> EnsureTagTokenAsync(IDatabaseAsync db, RedisKey tagKey, long lifetimeMs)
    {
        var result = await db.ScriptEvaluateAsync(EnsureTagToken, [tagKey], [NewTagToken(), lifetimeMs]).ConfigureAwait(false);
        return ParseTagToken((RedisValue)result);
    }

    /// <summary>A tag's token as stored, or 0 for none (absent, or not a token).</summary>
    public static long ParseTagToken(RedisValue stored) =>
        !stored.IsNull && long.TryParse((string?)stored, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var token) ? token : 0;

    /// <summary>A new tag token: random, never 0 (which means "none").</summary>
    public static long NewTagToken()
    {
        long token;
        do
        {
            token = System.Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        }
        while (token == 0);
        return token;
    }

    public static async Task<(LeaseOutcome Outcome, RedisValue Value)> TakeAsync(IDatabaseAsync db, RedisKeys keys, string token, long leaseTtlMs, bool ignoreExistingValue)
    {
        var result = await db.ScriptEvaluateAsync(
            TakeLease,
            [keys.Value, keys.Lease, keys.Waiting],
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

    /// <returns>Whether the value was written, and whether the client still has to announce it to waiters.</returns>
    public static async Task<(bool Written, bool AnnounceIt)> WriteIfHeldAsync(IDatabaseAsync db, RedisKeys keys, string token, byte[] bytes, long expiryMs, RedisChannel fillChannel)
    {
        var result = (long)await db.ScriptEvaluateAsync(
            WriteIfLeaseHeld,
            [keys.Value, keys.Lease, keys.Waiting],
            [token, bytes, expiryMs, fillChannel.ToString()]).ConfigureAwait(false);
        return (result >= 1, result == 2);
    }

    /// <returns>Whether the client still has to announce the release to waiters.</returns>
    public static async Task<bool> ReleaseAsync(IDatabaseAsync db, RedisKeys keys, string token, RedisChannel fillChannel)
    {
        var result = (long)await db.ScriptEvaluateAsync(ReleaseLease, [keys.Lease, keys.Waiting], [token, fillChannel.ToString(), keys.ValueText]).ConfigureAwait(false);
        return result == 2;
    }

    /// <summary>A lease token: 32 lowercase hex digits, the only form the lease script waits for.</summary>
    public static string NewToken() => Guid.NewGuid().ToString("N");
}
