using System;

namespace CacheGen;

/// <summary>
/// Sampling of the Redis server's own signals (<c>INFO</c> and <c>SLOWLOG</c>) into the <c>CacheGen</c> meter:
/// blocked clients, memory used and its limit, evicted keys, operations per second, keyspace hits and misses, and
/// <c>KEYS</c> commands found in the slow log. Off by default; in configuration <c>CacheGen:RedisSignals:Enabled</c>.
/// </summary>
/// <remarks>
/// One instance of the fleet samples at a time: each period the instances race for a short lease in Redis (a key of
/// <see cref="CacheGenOptions.KeyPrefix"/>), which the sampling instance renews; when it stops, another takes over
/// within three periods. Every primary is sampled (each node of a Redis Cluster), each measurement tagged with the
/// node's <c>server</c> (host:port). A server that does not report a field (Garnet reports no evictions, for
/// example) has no measurement for it.
/// </remarks>
public sealed class RedisSignalsOptions
{
    /// <summary>Whether this instance takes part in sampling. Default <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the server is sampled. Default 15 seconds; at least one second.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether every instance samples, instead of one at a time: simpler to reason about in small fleets, at one
    /// <c>INFO</c> and one <c>SLOWLOG GET</c> per instance and period. Default <see langword="false"/>.
    /// </summary>
    public bool EveryInstance { get; set; }
}
