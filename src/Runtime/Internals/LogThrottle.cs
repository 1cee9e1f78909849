using System;
using System.Threading;

namespace CacheGen.Internals;

/// <summary>Lets one log line through per interval, whichever thread asks first; a flood is counted, not logged.</summary>
internal sealed class LogThrottle(TimeProvider time, TimeSpan interval)
{
    private long _last;

    public bool ShouldLog()
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _last);
        return (last == 0 || time.GetElapsedTime(last, now) >= interval) && Interlocked.CompareExchange(ref _last, now, last) == last;
    }
}
