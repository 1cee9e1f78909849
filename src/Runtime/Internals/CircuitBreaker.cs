using System;
using System.Threading;

namespace CacheGen.Internals;

/// <summary>
/// Stops calls to Redis while too many of them fail, so a dead or paused Redis costs a few timeouts, not one per
/// request; one transient timeout among many successes changes nothing.
/// </summary>
/// <remarks>
/// <para>
/// A failure-ratio breaker with the semantics of Polly's advanced circuit breaker: outcomes are counted in a sliding
/// window of <c>SamplingDuration</c> (ten buckets); it opens when, within the window, at least <c>MinimumThroughput</c>
/// calls were made and at least <c>FailureRatio</c> of them failed. Open, it refuses calls for <c>BreakDuration</c>,
/// then lets exactly one call through (half-open): its success closes the breaker, its failure opens it again.
/// <see cref="Probed"/> (Redis answered a background command) lets that probe through at once.
/// </para>
/// <para>
/// Home-made rather than Polly's, because the engine reports outcomes from many call sites (a read, a lease script, a
/// write, an invalidation) without wrapping each in a pipeline callback, and reads the state on every Redis call:
/// here that is one volatile read; recording an outcome is two interlocked increments.
/// </para>
/// </remarks>
internal sealed class CircuitBreaker
{
    private const int Buckets = 10;
    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;

    private readonly TimeProvider _time;
    private readonly long _breakTicks;
    private readonly long _bucketTicks;
    private readonly double _failureRatio;
    private readonly int _minimumThroughput;
    private readonly long[] _bucketIds = new long[Buckets];
    private readonly int[] _successes = new int[Buckets];
    private readonly int[] _failures = new int[Buckets];
    private int _state = Closed;
    private long _openUntil;
    private long _probeDeadline;

    public CircuitBreaker(TimeProvider time, TimeSpan breakDuration, TimeSpan samplingDuration, double failureRatio, int minimumThroughput)
    {
        _time = time;
        BreakDuration = breakDuration;
        _breakTicks = Ticks(breakDuration);
        _bucketTicks = Math.Max(1, Ticks(samplingDuration) / Buckets);
        _failureRatio = failureRatio;
        _minimumThroughput = minimumThroughput;
        Array.Fill(_bucketIds, long.MinValue);
    }

    public TimeSpan BreakDuration { get; }

    /// <summary>Whether the breaker is open or half-open (not closed).</summary>
    public bool IsBroken => Volatile.Read(ref _state) != Closed;

    /// <summary>
    /// Whether a call may go to Redis now. Closed: yes. Open: no until the break is over; then the first caller to ask
    /// becomes the half-open probe (yes), and everyone else is refused until the probe reports (or, should it never
    /// report, for another break).
    /// </summary>
    public bool AllowsCall()
    {
        var state = Volatile.Read(ref _state);
        if (state == Closed)
        {
            return true;
        }

        var now = _time.GetTimestamp();
        if (state == Open)
        {
            return now >= Volatile.Read(ref _openUntil) && TryBecomeProbe(Open, now);
        }

        return now >= Volatile.Read(ref _probeDeadline) && TryBecomeProbe(HalfOpen, now);
    }

    private bool TryBecomeProbe(int from, long now)
    {
        if (Interlocked.CompareExchange(ref _state, HalfOpen, from) != from)
        {
            return false;
        }

        Volatile.Write(ref _probeDeadline, now + _breakTicks);
        return true;
    }

    /// <summary>A Redis call succeeded. Closes a half-open breaker.</summary>
    public void OnSuccess()
    {
        var state = Volatile.Read(ref _state);
        if (state == Closed)
        {
            Interlocked.Increment(ref _successes[Bucket(_time.GetTimestamp())]);
        }
        else if (state == HalfOpen)
        {
            Close(HalfOpen);
        }
    }

    /// <summary>
    /// Redis answered a command sent outside the breaker (a heartbeat, a replayed invalidation): an open breaker lets
    /// its half-open probe through now instead of at the end of the break.
    /// </summary>
    public void Probed()
    {
        if (Volatile.Read(ref _state) == Open)
        {
            Volatile.Write(ref _openUntil, _time.GetTimestamp());
        }
    }

    /// <summary>A Redis call failed (a transport failure); returns true when this opened a closed breaker.</summary>
    public bool OnFailure()
    {
        var now = _time.GetTimestamp();
        var state = Volatile.Read(ref _state);
        if (state == HalfOpen)
        {
            OpenFrom(HalfOpen, now);
            return false;
        }

        if (state == Open)
        {
            return false;
        }

        Interlocked.Increment(ref _failures[Bucket(now)]);
        var (successes, failures) = Totals(now);
        var total = successes + failures;
        return total >= _minimumThroughput && failures >= _failureRatio * total && OpenFrom(Closed, now);
    }

    /// <summary>Opens the breaker at once, whatever the window says (a broken connection); true when it was closed.</summary>
    public bool Trip() => OpenFrom(Closed, _time.GetTimestamp());

    /// <summary>Closes the breaker and forgets the window (the connection was restored).</summary>
    public void Reset()
    {
        ClearWindow();
        Volatile.Write(ref _state, Closed);
    }

    private bool OpenFrom(int from, long now)
    {
        Volatile.Write(ref _openUntil, now + _breakTicks);
        return Interlocked.CompareExchange(ref _state, Open, from) == from;
    }

    private void Close(int from)
    {
        ClearWindow();
        Interlocked.CompareExchange(ref _state, Closed, from);
    }

    private void ClearWindow()
    {
        for (var i = 0; i < Buckets; i++)
        {
            Volatile.Write(ref _successes[i], 0);
            Volatile.Write(ref _failures[i], 0);
        }
    }

    /// <summary>The bucket of <paramref name="now"/>, emptied first when it last held an older time slice.</summary>
    private int Bucket(long now)
    {
        var id = now / _bucketTicks;
        var index = (int)(id % Buckets);
        var seen = Volatile.Read(ref _bucketIds[index]);
        if (seen != id && Interlocked.CompareExchange(ref _bucketIds[index], id, seen) == seen)
        {
            // A few outcomes counted while the slot is being recycled may be lost: the ratio stays a good estimate.
            Volatile.Write(ref _successes[index], 0);
            Volatile.Write(ref _failures[index], 0);
        }

        return index;
    }

    private (int Successes, int Failures) Totals(long now)
    {
        var current = now / _bucketTicks;
        int successes = 0, failures = 0;
        for (var i = 0; i < Buckets; i++)
        {
            if (current - Volatile.Read(ref _bucketIds[i]) < Buckets)
            {
                successes += Volatile.Read(ref _successes[i]);
                failures += Volatile.Read(ref _failures[i]);
            }
        }

        return (successes, failures);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
