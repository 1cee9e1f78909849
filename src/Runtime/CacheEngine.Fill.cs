using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;
using StackExchange.Redis;

namespace CacheGen;

// Fill announcements: when a lease holder's entry was waited for, its write (or its giving the lease up) publishes the
// value key on "<InvalidationChannel>:filled" — from inside the write script where the server allows it, else from
// the client — and every waiting instance polls again at once instead of at the end of its pause. Announcements only
// shorten waits: a lost one costs one pause.
public sealed partial class CacheEngine
{
    /// <summary>Appended to <see cref="CacheGenOptions.InvalidationChannel"/> to name the channel of fill announcements.</summary>
    internal const string FillChannelSuffix = ":filled";

    /// <summary>The channel of fill announcements.</summary>
    internal RedisChannel FillChannel => _fillChannel;

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _fillWaiters = new(StringComparer.Ordinal);

    /// <summary>Tells waiting instances that the entry at <paramref name="keys"/> was written or its lease given up (for servers whose scripts cannot publish).</summary>
    internal void AnnounceFill(RedisKeys keys)
    {
        if (_database is not { } database)
        {
            return;
        }

        try
        {
            database.Publish(_fillChannel, keys.ValueText, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Waiters poll anyway.
        }
    }

    /// <summary>
    /// Starts listening for a fill announcement of <paramref name="keys"/> (callers waiting for the same key in this
    /// process share one listener). Call it before asking for the lease, so an announcement cannot slip in between.
    /// </summary>
    internal TaskCompletionSource ListenForFill(RedisKeys keys) =>
        _fillWaiters.GetOrAdd(keys.ValueText, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Stops listening, unless the announcement already removed the listener (or another replaced it).</summary>
    internal void StopListeningForFill(RedisKeys keys, TaskCompletionSource listener) =>
        _fillWaiters.TryRemove(new System.Collections.Generic.KeyValuePair<string, TaskCompletionSource>(keys.ValueText, listener));

    /// <summary>Waits until <paramref name="listener"/> hears its announcement, or <paramref name="pause"/> at most.</summary>
    internal async Task WaitForFillAsync(TaskCompletionSource listener, TimeSpan pause, CancellationToken cancellationToken)
    {
        if (listener.Task.IsCompleted)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(pause, Time, stop.Token);
        var first = await Task.WhenAny(listener.Task, delay).ConfigureAwait(false);
        if (first == delay)
        {
            await delay.ConfigureAwait(false); // throws if the caller cancelled
            return;
        }

        stop.Cancel();
    }

    /// <summary>Test hook: raised after a fill announcement was handled here (with the value key).</summary>
    internal event Action<string>? FillHeard;

    /// <summary>Test hook: runs after a lease script answered "held", before the caller waits (with the value key).</summary>
    internal Action<string>? AfterLeaseHeld { get; set; }

    private void OnFillMessage(RedisChannel channel, RedisValue value)
    {
        var key = (string)value!;
        if (_fillWaiters.TryRemove(key, out var signal))
        {
            signal.TrySetResult();
        }

        FillHeard?.Invoke(key);
    }
}
