using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CacheGen;

/// <summary>
/// The names under which CacheGen reports: the <see cref="ActivitySource"/> of its traces and the
/// <see cref="System.Diagnostics.Metrics.Meter"/> of its metrics, both <c>CacheGen</c>. With OpenTelemetry,
/// <c>.AddSource(CacheGenTelemetry.ActivitySourceName)</c> and <c>.AddMeter(CacheGenTelemetry.MeterName)</c> (or the
/// <c>AddCacheGenInstrumentation()</c> extensions of the CacheGen.OpenTelemetry package) turn them on.
/// </summary>
/// <remarks>
/// Spans (all <see cref="ActivityKind.Internal"/>; their attributes are listed in the observability documentation):
/// <list type="bullet">
/// <item><c>cachegen.get</c> (display name <c>get {keyspace}</c>): one cached call, with what each layer found, whether
/// the value was stale, whether the caller waited for a lease, loaded, joined another caller's load or failed open.</item>
/// <item><c>cachegen.load</c>: the loader (the decorated method) run for a miss, a child of the call.</item>
/// <item><c>cachegen.lease.wait</c>: the time a caller waited for another caller's (or instance's) load.</item>
/// <item><c>cachegen.refresh</c>: a stale-while-revalidate refresh, after its caller was served.</item>
/// <item><c>cachegen.invalidate</c>: one invalidation of a key or tag, until Redis applied it and the other instances
/// confirmed (or it was queued).</item>
/// </list>
/// When nothing listens to the source, no span is created and the L1-hit path allocates nothing.
/// </remarks>
public static class CacheGenTelemetry
{
    /// <summary>The name of CacheGen's <see cref="ActivitySource"/>: <c>CacheGen</c>.</summary>
    public const string ActivitySourceName = "CacheGen";

    /// <summary>The name of CacheGen's meter: <c>CacheGen</c>.</summary>
    public const string MeterName = Internals.CacheGenMetrics.MeterName;

    internal const string GetOperation = "cachegen.get";
    internal const string LoadOperation = "cachegen.load";
    internal const string LeaseWaitOperation = "cachegen.lease.wait";
    internal const string RefreshOperation = "cachegen.refresh";
    internal const string InvalidateOperation = "cachegen.invalidate";

    // Attribute names (there is no OpenTelemetry semantic convention for application caches; error.type is the general one).
    internal const string KeyspaceTag = "cachegen.keyspace";
    internal const string KeyTag = "cachegen.key";
    internal const string TagTag = "cachegen.tag";
    internal const string L1Tag = "cachegen.l1";
    internal const string RedisTag = "cachegen.redis";
    internal const string StaleTag = "cachegen.stale";
    internal const string LeaseWaitedTag = "cachegen.lease.waited";
    internal const string LoadedTag = "cachegen.loaded";
    internal const string CoalescedTag = "cachegen.coalesced";
    internal const string FailOpenTag = "cachegen.failopen";
    internal const string QueuedTag = "cachegen.invalidation.queued";
    internal const string ReceiversTag = "cachegen.invalidation.receivers";
    internal const string UnacknowledgedTag = "cachegen.invalidation.unacknowledged";
    internal const string ErrorTypeTag = "error.type";
    internal const string CancelledTag = "cachegen.cancelled";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(CacheGenTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>Starts a span of <paramref name="operation"/>, or returns null (without allocating) when nobody listens.</summary>
    internal static Activity? Start(string operation, string displayName, string keyspace)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(operation, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = displayName;
            activity.SetTag(KeyspaceTag, keyspace);
        }

        return activity;
    }

    /// <summary>An L1 hit seen by a listener: a span that starts and ends at once. Kept off the hit path's inlined body.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void RecordLocalHit(Internals.KeyspaceTags tags, string logicalKey)
    {
        using var activity = Start(GetOperation, tags.GetSpanName, tags.Keyspace);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(KeyTag, logicalKey);
            activity.SetTag(L1Tag, "hit");
        }
    }

    /// <summary>
    /// Sets <paramref name="name"/> on the innermost CacheGen span of <paramref name="operation"/> of this flow, if it is the
    /// current span (the engine's inner steps mark the call they run for; nothing happens when nobody listens).
    /// </summary>
    internal static void Mark(string operation, string name, object value)
    {
        if (Source.HasListeners() && Activity.Current is { } current && ReferenceEquals(current.Source, Source) && current.OperationName == operation)
        {
            current.SetTag(name, value);
        }
    }

    /// <summary>
    /// Marks a span as failed by <paramref name="exception"/> — or, for a cancellation (the caller gave up), as cancelled
    /// without an error status: tracing backends count error spans, and a caller going away is not CacheGen failing.
    /// </summary>
    internal static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        if (exception is OperationCanceledException)
        {
            activity.SetTag(CancelledTag, true);
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag(ErrorTypeTag, exception.GetType().FullName);
    }

    internal static string Text(CacheLayerOutcome outcome) => outcome switch
    {
        CacheLayerOutcome.Hit => "hit",
        CacheLayerOutcome.Stale => "stale",
        _ => "miss",
    };
}
