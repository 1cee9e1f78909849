using System;
using StackExchange.Redis;

namespace CacheGen.Internals;

/// <summary>
/// The Redis keys of one cache entry. The logical key is wrapped in a hash tag, so the value key and the lease key
/// always live in one Redis Cluster slot and can be used together in one script.
/// </summary>
internal readonly struct RedisKeys
{
    private const string LeaseSuffix = ":lease";
    private const string WaitingSuffix = ":waiting";

    private readonly string _value;

    public RedisKeys(string prefix, string logicalKey) => _value = string.Concat(prefix, "{", logicalKey, "}");

    public RedisKey Value => _value;

    /// <summary>Built on demand: a Redis hit never needs it.</summary>
    public RedisKey Lease => _value + LeaseSuffix;

    /// <summary>
    /// Set while some caller waits for the lease holder's value: the holder then announces its write, so waiters in
    /// other instances need not wait for their next poll. Built on demand.
    /// </summary>
    public RedisKey Waiting => _value + WaitingSuffix;

    /// <summary>The value key as text: the payload of a fill announcement.</summary>
    public string ValueText => _value;

    public RedisKey[] Both => [Value, Lease];

    /// <summary>
    /// The key of a tag's token: <c>prefix + "tag:{" + tag + "}"</c>, a slot of its own on a cluster. Value keys start
    /// with <c>prefix + "{"</c>, so the two never meet.
    /// </summary>
    public static RedisKey TagKey(string prefix, string tag) => string.Concat(prefix, "tag:{", tag, "}");

    /// <summary>
    /// Checks a hand-written key and escapes braces in it, so it cannot break the hash tag. Generated keys contain
    /// no braces (values are escaped the same way), so both kinds of key agree.
    /// </summary>
    public static string NormalizeLogicalKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return key.AsSpan().IndexOfAny('{', '}') < 0 ? key : key.Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal);
    }
}
