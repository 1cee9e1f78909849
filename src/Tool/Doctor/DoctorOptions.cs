using System;

namespace CacheGen.Tool.Doctor;

/// <summary>What <c>cachegen doctor</c> reads and what it calls a problem.</summary>
public sealed record DoctorOptions
{
    /// <summary>The StackExchange.Redis configuration string.</summary>
    public required string Redis { get; init; }

    /// <summary>CacheGen's <c>KeyPrefix</c>: only keys under it are sampled.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>The most keys examined.</summary>
    public int Sample { get; init; } = 10_000;

    /// <summary>The COUNT hint of each SCAN call.</summary>
    public int ScanCount { get; init; } = 1_000;

    /// <summary>The most SCAN calls; null: twice the calls the sample needs at <see cref="ScanCount"/> keys each, plus 10.</summary>
    public int? MaxScanCalls { get; init; }

    /// <summary>The number of application instances that should be subscribed to the invalidation channel; null: not checked.</summary>
    public int? ExpectedInstances { get; init; }

    /// <summary>A key using more memory than this is big.</summary>
    public long BigKeyBytes { get; init; } = 1024 * 1024;

    /// <summary>The applications' <c>LeaseTtl</c>: a lease living longer was not written by them.</summary>
    public TimeSpan LeaseTtl { get; init; } = CacheGenLayout.DefaultLeaseTtl;

    /// <summary>The largest <c>StaleSeconds</c> in use: a value stale for longer has outlived its stale window.</summary>
    public TimeSpan MaxStale { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The invalidation channel (<c>InvalidationChannel</c>).</summary>
    public string Channel { get; init; } = CacheGenLayout.DefaultChannel;

    /// <summary>This many keys or more expiring in the same second, far more than around it, is a cluster.</summary>
    public int ClusterThreshold { get; init; } = 10;

    /// <summary>The SCAN calls allowed: <see cref="MaxScanCalls"/> or its default.</summary>
    public int ScanCallBudget => MaxScanCalls ?? ((2 * ((Sample + ScanCount - 1) / ScanCount)) + 10);
}
