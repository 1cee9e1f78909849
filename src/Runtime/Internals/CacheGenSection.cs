using System;
using System.Collections.Generic;

namespace CacheGen.Internals;

/// <summary>
/// The settings of <see cref="CacheGenOptions"/> that configuration can hold, bound from the <c>CacheGen</c> section by
/// generated code (the serializer settings, which only code can give, are not here: that keeps the binding trim and
/// native AOT safe). A setting absent from configuration leaves the option as it was.
/// </summary>
internal sealed class CacheGenSection
{
    public string? Redis { get; set; }

    public string? KeyPrefix { get; set; }

    public string? InvalidationChannel { get; set; }

    public TimeSpan? LeaseTtl { get; set; }

    public TimeSpan? MaxLeaseWait { get; set; }

    public TimeSpan? MaxLeaseWaitBackoff { get; set; }

    public TimeSpan? BreakDuration { get; set; }

    public double? BreakerFailureRatio { get; set; }

    public int? BreakerMinimumThroughput { get; set; }

    public TimeSpan? BreakerSamplingDuration { get; set; }

    public TimeSpan? LocalCacheOfflineLifetime { get; set; }

    public TimeSpan? OperationTimeout { get; set; }

    public TimeSpan? StartupWait { get; set; }

    public int? LocalCacheMaxEntries { get; set; }

    public int? InvalidationQueueCapacity { get; set; }

    public TimeSpan? SecondDeleteDelay { get; set; }

    public TimeSpan? InvalidationAckTimeout { get; set; }

    public string? InstanceId { get; set; }

    public KeyspaceOptions? Defaults { get; set; }

    public RedisSignalsOptions? RedisSignals { get; set; }

    public Dictionary<string, KeyspaceOptions> Keyspaces { get; } = new(StringComparer.Ordinal);

    public void ApplyTo(CacheGenOptions options)
    {
        options.Redis = Redis ?? options.Redis;
        options.KeyPrefix = KeyPrefix ?? options.KeyPrefix;
        options.InvalidationChannel = InvalidationChannel ?? options.InvalidationChannel;
        options.LeaseTtl = LeaseTtl ?? options.LeaseTtl;
        options.MaxLeaseWait = MaxLeaseWait ?? options.MaxLeaseWait;
        options.MaxLeaseWaitBackoff = MaxLeaseWaitBackoff ?? options.MaxLeaseWaitBackoff;
        options.BreakDuration = BreakDuration ?? options.BreakDuration;
        options.BreakerFailureRatio = BreakerFailureRatio ?? options.BreakerFailureRatio;
        options.BreakerMinimumThroughput = BreakerMinimumThroughput ?? options.BreakerMinimumThroughput;
        options.BreakerSamplingDuration = BreakerSamplingDuration ?? options.BreakerSamplingDuration;
        options.LocalCacheOfflineLifetime = LocalCacheOfflineLifetime ?? options.LocalCacheOfflineLifetime;
        options.OperationTimeout = OperationTimeout ?? options.OperationTimeout;
        options.StartupWait = StartupWait ?? options.StartupWait;
        options.LocalCacheMaxEntries = LocalCacheMaxEntries ?? options.LocalCacheMaxEntries;
        options.InvalidationQueueCapacity = InvalidationQueueCapacity ?? options.InvalidationQueueCapacity;
        options.SecondDeleteDelay = SecondDeleteDelay ?? options.SecondDeleteDelay;
        options.InvalidationAckTimeout = InvalidationAckTimeout ?? options.InvalidationAckTimeout;
        options.InstanceId = InstanceId ?? options.InstanceId;
        if (Defaults is { } defaults)
        {
            options.Defaults.TtlSeconds = defaults.TtlSeconds ?? options.Defaults.TtlSeconds;
            options.Defaults.JitterPercent = defaults.JitterPercent ?? options.Defaults.JitterPercent;
            options.Defaults.StaleSeconds = defaults.StaleSeconds ?? options.Defaults.StaleSeconds;
            options.Defaults.LocalTtlSeconds = defaults.LocalTtlSeconds ?? options.Defaults.LocalTtlSeconds;
        }

        if (RedisSignals is { } signals)
        {
            options.RedisSignals = signals;
        }

        foreach (var (keyspace, settings) in Keyspaces)
        {
            options.Keyspaces[keyspace] = settings;
        }
    }
}
