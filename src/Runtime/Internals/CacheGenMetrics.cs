using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace CacheGen.Internals;

/// <summary>The instruments of Meter <c>CacheGen</c> (docs/metrics.md lists them).</summary>
internal sealed class CacheGenMetrics : IDisposable
{
    public const string MeterName = "CacheGen";

    private readonly Meter _meter;

    public Meter Meter => _meter;
    private readonly bool _ownsMeter;

    /// <summary>
    /// Bucket boundaries for the durations, in seconds (the unit OpenTelemetry's semantic conventions use): from 100 µs,
    /// where a local Redis answers, to 10 s, where a load has gone wrong. Without this advice an exporter's default
    /// buckets (made for milliseconds: 0, 5, 10, 25…) would put every observation in the first bucket.
    /// </summary>
    public static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    public CacheGenMetrics(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            _meter = new Meter(MeterName);
            _ownsMeter = true;
        }
        else
        {
            _meter = meterFactory.Create(MeterName);
        }

        Requests = _meter.CreateCounter<long>("cachegen.requests", "{request}", "Cache lookups by layer (l1|redis) and outcome (hit|miss|stale).");
        CacheDuration = _meter.CreateHistogram("cachegen.cache.duration", "s", "Time spent in Redis for one cache lookup.", tags: null, DurationAdvice);
        LoadDuration = _meter.CreateHistogram("cachegen.load.duration", "s", "Time spent in the loader (the database) for one load.", tags: null, DurationAdvice);
        StampedeCoalesced = _meter.CreateCounter<long>("cachegen.stampede.coalesced", "{request}", "Callers that waited for another caller's load instead of loading.");
        LeaseWaitDuration = _meter.CreateHistogram("cachegen.lease.wait.duration", "s", "Time a caller waited for another instance's load.", tags: null, DurationAdvice);
        Invalidations = _meter.CreateCounter<long>("cachegen.invalidations", "{invalidation}", "Invalidations published or received.");
        Errors = _meter.CreateCounter<long>("cachegen.errors", "{error}", "Redis answered a command of one key with an error (kind=server: WRONGTYPE, OOM, BUSY, ...); that call was served by the loader and the engine kept using Redis.");
        LeaseWaitsAbandoned = _meter.CreateCounter<long>("cachegen.lease.wait.abandoned", "{request}", "Callers that waited MaxLeaseWait for another caller's load and then loaded themselves, uncached.");
        FailOpen = _meter.CreateCounter<long>("cachegen.failopen", "{request}", "Calls served by the loader because Redis was unavailable.");
        MalformedInvalidations = _meter.CreateCounter<long>("cachegen.invalidations.malformed", "{message}", "Messages on the invalidation channel that were not understood and were ignored.");
        InvalidationsUnacknowledged = _meter.CreateCounter<long>("cachegen.invalidations.unacknowledged", "{instance}", "Instances that did not confirm an invalidation within InvalidationAckTimeout; they evict when the broadcast reaches them.");
        InvalidationsQueued = _meter.CreateCounter<long>("cachegen.invalidations.queued", "{invalidation}", "Invalidations queued (outcome=queued), applied later (applied) or dropped from a full queue (dropped).");
        SerializationErrors = _meter.CreateCounter<long>("cachegen.serialization.errors", "{error}", "Values that could not be read (kind=unreadable: a miss), could not be written (kind=unwritable) or did not come back as they went in (kind=lossy); the last two stop caching the method in this process.");
    }

    public Counter<long> Requests { get; }

    public Histogram<double> CacheDuration { get; }

    public Histogram<double> LoadDuration { get; }

    public Counter<long> StampedeCoalesced { get; }

    public Histogram<double> LeaseWaitDuration { get; }

    public Counter<long> Invalidations { get; }

    public Counter<long> FailOpen { get; }

    public Counter<long> Errors { get; }

    public Counter<long> LeaseWaitsAbandoned { get; }

    public Counter<long> MalformedInvalidations { get; }

    public Counter<long> InvalidationsQueued { get; }

    public Counter<long> InvalidationsUnacknowledged { get; }

    public Counter<long> SerializationErrors { get; }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

/// <summary>Pre-built tag sets of one keyspace, so the hit path allocates nothing.</summary>
internal sealed class KeyspaceTags
{
    public KeyspaceTags(string keyspace)
    {
        Keyspace = keyspace;
        Only = [new("keyspace", keyspace)];
        L1Hit = Request(keyspace, "l1", "hit");
        L1Miss = Request(keyspace, "l1", "miss");
        RedisHit = Request(keyspace, "redis", "hit");
        RedisMiss = Request(keyspace, "redis", "miss");
        RedisStale = Request(keyspace, "redis", "stale");
        Published = [new("keyspace", keyspace), new("direction", "published")];
        Received = [new("keyspace", keyspace), new("direction", "received")];
        Read = [new("keyspace", keyspace), new("operation", "read"), new("kind", "unreadable")];
        Write = [new("keyspace", keyspace), new("operation", "write"), new("kind", "unwritable")];
        Lossy = [new("keyspace", keyspace), new("operation", "write"), new("kind", "lossy")];
        GetSpanName = "get " + keyspace;
        LoadSpanName = "load " + keyspace;
        LeaseWaitSpanName = "lease wait " + keyspace;
        RefreshSpanName = "refresh " + keyspace;
        InvalidateSpanName = "invalidate " + keyspace;
    }

    /// <summary>The display names of this keyspace's spans (built once, not per call).</summary>
    public string GetSpanName { get; }

    public string LoadSpanName { get; }

    public string LeaseWaitSpanName { get; }

    public string RefreshSpanName { get; }

    public string InvalidateSpanName { get; }

    public string Keyspace { get; }

    public KeyValuePair<string, object?>[] Only { get; }

    public KeyValuePair<string, object?>[] L1Hit { get; }

    public KeyValuePair<string, object?>[] L1Miss { get; }

    public KeyValuePair<string, object?>[] RedisHit { get; }

    public KeyValuePair<string, object?>[] RedisMiss { get; }

    public KeyValuePair<string, object?>[] RedisStale { get; }

    public KeyValuePair<string, object?>[] Published { get; }

    public KeyValuePair<string, object?>[] Received { get; }

    public KeyValuePair<string, object?>[] Read { get; }

    public KeyValuePair<string, object?>[] Write { get; }

    public KeyValuePair<string, object?>[] Lossy { get; }

    private static KeyValuePair<string, object?>[] Request(string keyspace, string layer, string outcome) =>
        [new("keyspace", keyspace), new("layer", layer), new("outcome", outcome)];
}
