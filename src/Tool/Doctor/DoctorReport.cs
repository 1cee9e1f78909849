using System;
using System.Collections.Generic;

namespace CacheGen.Tool.Doctor;

/// <summary>What <c>cachegen doctor</c> found.</summary>
public sealed record DoctorReport
{
    /// <summary>When the check ran.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The prefix sampled.</summary>
    public required string Prefix { get; init; }

    /// <summary>The servers read: each primary's SCAN, every node's PUBSUB and INFO.</summary>
    public required IReadOnlyList<ServerSummary> Servers { get; init; }

    /// <summary>The sampling: SCAN calls made, keys examined, whether the whole keyspace was covered.</summary>
    public required SampleSummary Sample { get; init; }

    /// <summary>Keys examined, by kind in CacheGen's layout.</summary>
    public required IReadOnlyDictionary<string, int> KeysByKind { get; init; }

    /// <summary>Remaining lifetimes of the examined keys that have one.</summary>
    public required IReadOnlyList<TtlBucket> TtlHistogram { get; init; }

    /// <summary>Seconds in which many keys expire together.</summary>
    public required IReadOnlyList<ExpiryCluster> ExpiryClusters { get; init; }

    /// <summary>Subscribers of the invalidation channel, over every node; null when a node refused PUBSUB NUMSUB.</summary>
    public required long? ChannelSubscribers { get; init; }

    /// <summary>Everything found, errors first.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
}

/// <summary>One server read.</summary>
/// <param name="Endpoint">host:port.</param>
/// <param name="Role">primary or replica.</param>
/// <param name="Version">The server's version.</param>
public sealed record ServerSummary(string Endpoint, string Role, string Version)
{
    /// <summary>Keys examined on this primary (its share of the sample); null on a replica, which is not scanned.</summary>
    public int? KeysExamined { get; init; }

    /// <summary>SCAN calls made on this primary (its share of the budget).</summary>
    public int? ScanCalls { get; init; }

    /// <summary>Whether this primary's SCAN reached its end.</summary>
    public bool? Complete { get; init; }
}

/// <summary>How the keyspace was sampled.</summary>
/// <param name="ScanCalls">SCAN calls made (over every primary).</param>
/// <param name="ScanCallBudget">The most SCAN calls allowed.</param>
/// <param name="ScanCount">The COUNT hint of each call.</param>
/// <param name="KeysExamined">Keys examined.</param>
/// <param name="SampleLimit">The most keys that would have been examined.</param>
/// <param name="Complete">Whether every primary's SCAN reached its end (every key under the prefix was seen).</param>
public sealed record SampleSummary(int ScanCalls, int ScanCallBudget, int ScanCount, int KeysExamined, int SampleLimit, bool Complete);

/// <summary>Keys whose remaining lifetime falls in a range.</summary>
/// <param name="Range">The range, for example <c>1-10 min</c>.</param>
/// <param name="Keys">How many.</param>
public sealed record TtlBucket(string Range, int Keys);

/// <summary>Keys expiring in the same seconds.</summary>
/// <param name="ExpiresAt">The first second of the cluster.</param>
/// <param name="Seconds">How many consecutive seconds it spans.</param>
/// <param name="Keys">How many keys expire in it.</param>
/// <param name="KeysPerSecondAround">The average of the non-empty seconds around it (0: none).</param>
public sealed record ExpiryCluster(DateTimeOffset ExpiresAt, int Seconds, int Keys, double KeysPerSecondAround);
