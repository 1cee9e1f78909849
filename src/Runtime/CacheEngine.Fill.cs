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

    /// <summary>Waits for a fill announcement of <paramref name="keys"/>, or <paramref name="pause"/> at most.</summary>
    internal async Task WaitForFillAsync(RedisKeys keys, TimeSpan pause, CancellationToken cancellationToken)
    {
        var key = keys.ValueText;
        var signal = _fillWaiters.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(pause, Time, stop.Token);
        var first = await Task.WhenAny(signal.Task, delay).ConfigureAwait(false);
        if (first == delay)
        {
            await delay.ConfigureAwait(false); // throws if the caller cancelled
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
    }

    private void OnFillMessage(RedisChannel channel, RedisValue value)
    {
        if (_fillWaiters.TryRemove((string)value!, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
