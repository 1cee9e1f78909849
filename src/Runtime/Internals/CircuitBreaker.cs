using System;
using System.Threading;

namespace CacheGen.Internals;

/// <summary>
/// Stops calls to Redis for a while after a failure, so a dead or slow Redis costs one timeout per break, not one per
/// request. Lock-free: a single timestamp.
/// </summary>
internal sealed class CircuitBreaker(TimeProvider time, TimeSpan breakDuration)
{
    private readonly long _breakTicks = (long)(breakDuration.TotalSeconds * time.TimestampFrequency);
    private long _openUntil = long.MinValue;

    public TimeSpan BreakDuration { get; } = breakDuration;

    public bool IsOpen => time.GetTimestamp() < Volatile.Read(ref _openUntil);

    /// <summary>Opens the breaker; returns true when it was closed (so the caller logs once per break).</summary>
    public bool Trip()
    {
        var now = time.GetTimestamp();
        var wasOpen = now < Volatile.Read(ref _openUntil);
        Volatile.Write(ref _openUntil, now + _breakTicks);
        return !wasOpen;
    }

    public void Reset() => Volatile.Write(ref _openUntil, long.MinValue);
}
