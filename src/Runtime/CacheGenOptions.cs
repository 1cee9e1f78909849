using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CacheGen;

/// <summary>Options of the CacheGen runtime, set through <c>AddCacheGen(o => …)</c>.</summary>
public sealed class CacheGenOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string, for example <c>"localhost:6379"</c>. When unset, an
    /// <c>IConnectionMultiplexer</c> registered in DI is used. A connection CacheGen creates never blocks start-up:
    /// while Redis is unreachable every call is served by its loader (fail-open) and CacheGen connects when Redis appears.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Text put before every Redis key CacheGen writes, for example <c>"shop:"</c>. Must not contain braces. Default empty.</summary>
    public string KeyPrefix { get; set; } = string.Empty;

    /// <summary>The pub/sub channel on which invalidations are broadcast. Default <c>cache_invalidation</c>.</summary>
    public string InvalidationChannel { get; set; } = "cache_invalidation";

    /// <summary>
    /// How long a loader holds the lease of a missing key. When the holder dies or hangs, one waiter takes over after
    /// this time. Set it above your slowest load. Default 10 s.
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a caller waits for another caller's load of the same key (in any instance) before it runs the loader
    /// itself, uncached. Bounds every wait on a lease whose holder is slow, hung or gone. Set it above your slowest load:
    /// callers that give up each load once. Default 5 s (half of <see cref="LeaseTtl"/>'s default).
    /// </summary>
    public TimeSpan MaxLeaseWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest pause between two polls of a caller that waits for another caller's load. Pauses grow with the
    /// wait (1/16 of the time waited, at least 1 ms) up to this bound. Default 100 ms.
    /// </summary>
    public TimeSpan MaxLeaseWaitBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long CacheGen stops asking Redis once its circuit breaker has opened (see <see cref="BreakerFailureRatio"/>).
    /// After it, one call tries Redis: its success closes the breaker, its failure opens it again. When Redis answers a
    /// background command earlier (the heartbeat, a queued invalidation), that call is let through at once. Default 5 s.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The share of Redis calls that must fail (time out, or find the connection broken) within
    /// <see cref="BreakerSamplingDuration"/> for the circuit breaker to open. A server's error reply about one key
    /// (WRONGTYPE, OOM, …) never counts. Default 0.5.
    /// </summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>
    /// The fewest Redis calls within <see cref="BreakerSamplingDuration"/> for <see cref="BreakerFailureRatio"/> to
    /// open the breaker, so a single transient timeout does not stop caching. Default 10.
    /// </summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The sliding window over which the circuit breaker counts failures. Default 10 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after it last heard from Redis an instance keeps serving its in-process (L1) copies. An instance that
    /// cannot reach Redis (stopped, paused, partitioned) cannot hear other instances' invalidations either: past this
    /// bound its calls skip L1 and run their loaders (one load per key in the instance) until Redis answers again, and
    /// then its L1 starts empty. Redis is asked every quarter of this time whether it is there.
    /// Default 1 s; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> keeps serving L1 copies for their whole
    /// lifetime whatever happens to Redis.
    /// </summary>
    public TimeSpan LocalCacheOfflineLifetime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The command timeout of a connection CacheGen creates from <see cref="Redis"/>: a slower Redis counts as down and
    /// the loader answers. Default 1 s. A multiplexer from DI keeps its own timeouts.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long, from the engine's start, a call waits for the first connection to Redis (and the invalidation
    /// subscription) instead of running its loader uncached. So the first requests after a deploy use the cache — one
    /// load for a burst, not one per caller — and an application whose Redis is down still answers after this wait.
    /// With a host, the engine starts connecting when the host starts. Default 5 s; <see cref="TimeSpan.Zero"/> never waits.
    /// </summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most in-process (L1) entries kept across all cached methods. Default 10,000.</summary>
    public int LocalCacheMaxEntries { get; set; } = 10_000;

    /// <summary>
    /// How many invalidations that could not reach Redis are kept to be applied when it is back. Default 10,000;
    /// beyond that the oldest is dropped, logged and counted.
    /// </summary>
    public int InvalidationQueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// When set, every invalidation deletes the key a second time after this delay: for databases whose read replicas
    /// lag behind the primary. Default unset.
    /// </summary>
    public TimeSpan? SecondDeleteDelay { get; set; }

    /// <summary>
    /// How long an invalidation waits for every other instance to confirm that it dropped its L1 copy, before it
    /// returns. Within it, a read that starts on any instance after <c>InvalidateAsync</c> returned cannot be served the
    /// old value from that instance's L1. An instance that does not confirm in time (paused, partitioned) is counted in
    /// <c>cachegen.invalidations.unacknowledged</c> and evicts when the broadcast reaches it. Default 500 ms;
    /// <see cref="TimeSpan.Zero"/> returns as soon as the broadcast is published.
    /// </summary>
    public TimeSpan InvalidationAckTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Values for the lifetime settings a <see cref="CachedAttribute"/> (or <see cref="CacheEntryOptions"/>) leaves unset,
    /// usually from configuration: <c>"CacheGen": { "Defaults": { "TtlSeconds": 120, "LocalTtlSeconds": 10 } }</c>. A
    /// value an attribute sets wins over these; <see cref="Keyspaces"/> win over both.
    /// </summary>
    public KeyspaceOptions Defaults { get; set; } = new();

    /// <summary>
    /// Settings per keyspace that replace the attributes' values without recompiling, usually from configuration:
    /// <c>"CacheGen": { "Keyspaces": { "revenue": { "TtlSeconds": 120 } } }</c>. Read when a cached method is first used.
    /// </summary>
    public IDictionary<string, KeyspaceOptions> Keyspaces { get; } = new Dictionary<string, KeyspaceOptions>(StringComparer.Ordinal);

    /// <summary>
    /// Sampling of the Redis server's own signals (blocked clients, memory, evictions, <c>KEYS</c> in the slow log) into
    /// the <c>CacheGen</c> meter. Off by default.
    /// </summary>
    public RedisSignalsOptions RedisSignals { get; set; } = new();

    /// <summary>The serializer of cached values. Default: System.Text.Json with <see cref="JsonSerializerOptions"/>.</summary>
    public ICacheSerializer? Serializer { get; set; }

    /// <summary>
    /// The System.Text.Json options of the default serializer. For trimmed or native AOT applications, set a
    /// <see cref="JsonSerializerContext"/> as its <c>TypeInfoResolver</c> (or call <see cref="UseJsonSerializerContext"/>).
    /// Default: <see cref="JsonSerializerDefaults.Web"/>.
    /// </summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>
    /// This instance's id, sent with every invalidation so an instance can tell its own messages. Default: a new GUID.
    /// </summary>
    public string InstanceId { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Serializes cached values with a source-generated <see cref="JsonSerializerContext"/> (trim and native AOT safe).
    /// </summary>
    public CacheGenOptions UseJsonSerializerContext(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        JsonSerializerOptions ??= new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSerializerOptions.TypeInfoResolverChain.Insert(0, context);
        return this;
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Defaults, nameof(Defaults));
        ValidateLifetimes("CacheGen:Defaults", Defaults, nameof(Defaults));
        foreach (var (keyspace, settings) in Keyspaces)
        {
            ValidateLifetimes("CacheGen:Keyspaces:" + keyspace, settings, nameof(Keyspaces));
        }

        if (KeyPrefix is null || KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException($"CacheGenOptions.KeyPrefix \"{KeyPrefix}\" must not be null or contain '{{' or '}}': CacheGen uses braces as Redis Cluster hash tags.", nameof(KeyPrefix));
        }

        if (string.IsNullOrWhiteSpace(InvalidationChannel))
        {
            throw new ArgumentException("CacheGenOptions.InvalidationChannel must name a pub/sub channel.", nameof(InvalidationChannel));
        }

        if (string.IsNullOrWhiteSpace(InstanceId))
        {
            throw new ArgumentException("CacheGenOptions.InstanceId must not be empty.", nameof(InstanceId));
        }

        RequirePositive(LeaseTtl, nameof(LeaseTtl));
        RequirePositive(MaxLeaseWaitBackoff, nameof(MaxLeaseWaitBackoff));
        RequirePositive(MaxLeaseWait, nameof(MaxLeaseWait));
        RequirePositive(BreakDuration, nameof(BreakDuration));
        RequirePositive(BreakerSamplingDuration, nameof(BreakerSamplingDuration));
        if (!(BreakerFailureRatio > 0 && BreakerFailureRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BreakerFailureRatio), BreakerFailureRatio, "CacheGenOptions.BreakerFailureRatio must be greater than 0 and at most 1.");
        }

        if (BreakerMinimumThroughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BreakerMinimumThroughput), BreakerMinimumThroughput, "CacheGenOptions.BreakerMinimumThroughput must be at least 1.");
        }

        if (LocalCacheOfflineLifetime != System.Threading.Timeout.InfiniteTimeSpan)
        {
            RequirePositive(LocalCacheOfflineLifetime, nameof(LocalCacheOfflineLifetime));
        }
        RequirePositive(OperationTimeout, nameof(OperationTimeout));
        if (StartupWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StartupWait), StartupWait, "CacheGenOptions.StartupWait must not be negative (TimeSpan.Zero does not wait).");
        }

        ArgumentNullException.ThrowIfNull(RedisSignals, nameof(RedisSignals));
        if (RedisSignals.Period < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RedisSignals), RedisSignals.Period, "CacheGenOptions.RedisSignals.Period (CacheGen:RedisSignals:Period) must be at least one second: each sample runs INFO and SLOWLOG GET on every primary.");
        }

        if (InvalidationAckTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InvalidationAckTimeout), InvalidationAckTimeout, "CacheGenOptions.InvalidationAckTimeout must not be negative (TimeSpan.Zero does not wait).");
        }

        if (SecondDeleteDelay is { } delay)
        {
            RequirePositive(delay, nameof(SecondDeleteDelay));
        }

        if (LocalCacheMaxEntries <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LocalCacheMaxEntries), LocalCacheMaxEntries, "CacheGenOptions.LocalCacheMaxEntries must be greater than 0.");
        }

        if (InvalidationQueueCapacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InvalidationQueueCapacity), InvalidationQueueCapacity, "CacheGenOptions.InvalidationQueueCapacity must be greater than 0.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"CacheGenOptions.{name} must be greater than zero.");
        }
    }

    // The same ranges as the attribute's, with the configuration key in the message.
#pragma warning disable CA2208 // the setting named is a keyspace's entry of Keyspaces, not a parameter
    private static void ValidateLifetimes(string section, KeyspaceOptions? settings, string option)
    {
        if (settings is null)
        {
            return;
        }

        void Check(string setting, int? value)
        {
            if (value is { } given && CachePolicy.RangeProblem(setting, given) is { } problem)
            {
                throw new ArgumentException($"{section}:{setting} is {given}; it {problem}.", option);
            }
        }

        Check(nameof(KeyspaceOptions.TtlSeconds), settings.TtlSeconds);
        Check(nameof(KeyspaceOptions.JitterPercent), settings.JitterPercent);
        Check(nameof(KeyspaceOptions.StaleSeconds), settings.StaleSeconds);
        Check(nameof(KeyspaceOptions.LocalTtlSeconds), settings.LocalTtlSeconds);
    }
#pragma warning restore CA2208
}
