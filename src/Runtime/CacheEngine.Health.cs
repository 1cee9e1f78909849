using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;
using StackExchange.Redis;

namespace CacheGen;

public sealed partial class CacheEngine
{
    // Whether L1 copies may be served: false once this instance has not heard from Redis for LocalCacheOfflineLifetime
    // (so it may have missed invalidations), true again (with an empty L1) when Redis answers. Read on every L1 hit.
    private volatile bool _localTrusted = true;
    private ITimer? _trustTimer;

    // An outage: from the first sign that Redis cannot be used (a broken connection, the breaker opening, no answer
    // within LocalCacheOfflineLifetime) until Redis answers again. One warning at its start, one line at its end.
    private long _outageStarted;
    private long _uncachedLoads;
    private int _heartbeating;

    /// <summary>The engine's state now: connection, subscription, fail-open, queued invalidations, L1 trust.</summary>
    public CacheEngineHealth GetHealth()
    {
        var connected = _connection is { IsConnected: true };
        var pending = _pendingInvalidations.Count;
        return new CacheEngineHealth(
            connected,
            _ready.Task.IsCompleted,
            !connected || _breaker.IsBroken || pending > 0,
            pending,
            _localTrusted);
    }

    /// <summary>Whether L1 copies may be served now (see <see cref="CacheGenOptions.LocalCacheOfflineLifetime"/>).</summary>
    internal bool LocalTrusted => _localTrusted;

    /// <summary>Test hook: raised after each heartbeat Redis answered.</summary>
    internal event Action? Heard;

    /// <summary>Test hook: raised when L1 copies stop being served (no answer within the offline lifetime).</summary>
    internal event Action? TrustLost;

    /// <summary>Counts a call its loader served without the cache, for the line logged when the outage ends.</summary>
    internal void CountUncachedLoad() => Interlocked.Increment(ref _uncachedLoads);

    /// <summary>Starts an outage unless one is under way; its first sign is logged as a warning.</summary>
    private void BeginOutage(string reason, Exception? exception)
    {
        if (Interlocked.CompareExchange(ref _outageStarted, Stopwatch.GetTimestamp(), 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _uncachedLoads, 0);
        var lifetime = _options.LocalCacheOfflineLifetime;
        Log.RedisUnavailable(_logger, reason, lifetime == Timeout.InfiniteTimeSpan ? "for their whole lifetime" : "for at most " + lifetime.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms", exception);
    }

    private void EndOutage()
    {
        var started = Interlocked.Exchange(ref _outageStarted, 0);
        if (started != 0)
        {
            Log.RedisAvailableAgain(_logger, Stopwatch.GetElapsedTime(started), Interlocked.Exchange(ref _uncachedLoads, 0));
        }
    }

    private void StartHeartbeat()
    {
        if (Interlocked.Exchange(ref _heartbeating, 1) == 0)
        {
            _ = HeartbeatAsync();
        }
    }

    /// <summary>
    /// Pings Redis over the subscription connection a few times per <see cref="CacheGenOptions.LocalCacheOfflineLifetime"/>.
    /// An answer proves that every invalidation published before the ping has reached this instance (pub/sub messages
    /// and the answer share the connection, in order), so L1 copies may be served until that moment plus the lifetime.
    /// </summary>
    private async Task HeartbeatAsync()
    {
        var lifetime = _options.LocalCacheOfflineLifetime;
        var interval = lifetime == Timeout.InfiniteTimeSpan
            ? TimeSpan.FromSeconds(1)
            : TimeSpan.FromTicks(Math.Clamp(lifetime.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        if (lifetime != Timeout.InfiniteTimeSpan)
        {
            // Connection-level: real time, whatever clock the cache logic runs on.
            _trustTimer = TimeProvider.System.CreateTimer(static state => ((CacheEngine)state!).LoseTrust(), this, lifetime, Timeout.InfiniteTimeSpan);
        }

        try
        {
            while (!ShutdownToken.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await _connection!.GetSubscriber().PingAsync().ConfigureAwait(false);
                    OnHeard(sent);
                }
                catch (Exception ex) when (IsRedisFailure(ex))
                {
                    // No answer: trust runs out by itself (the timer), and the breaker learns from the calls.
                }

                await Task.Delay(interval, ShutdownToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void OnHeard(long sent)
    {
        var lifetime = _options.LocalCacheOfflineLifetime;
        if (lifetime != Timeout.InfiniteTimeSpan)
        {
            var left = lifetime - Stopwatch.GetElapsedTime(sent);
            if (left > TimeSpan.Zero)
            {
                _trustTimer?.Change(left, Timeout.InfiniteTimeSpan);
                if (!_localTrusted)
                {
                    // Copies kept through the silence may have missed invalidations: start again from Redis.
                    ForgetLocalState();
                    _localTrusted = true;
                }
            }
        }

        _breaker.Probed();
        if (_connection!.IsConnected && !_breaker.IsBroken && _pendingInvalidations.IsEmpty)
        {
            EndOutage();
        }

        Heard?.Invoke();
    }

    private void LoseTrust()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        _localTrusted = false;
        BeginOutage("no answer from Redis within LocalCacheOfflineLifetime", null);
        TrustLost?.Invoke();
    }

    // The run ids of the primaries this instance talks to: a new one means a Redis that restarted (perhaps from a
    // snapshot older than the deletes it acknowledged) or a replica promoted in a failover (which may not have them).
    private string? _serverIdentity;
    private const string RunIdScript = "return string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')";
    private int _checkingIdentity;

    /// <summary>
    /// After a (re)connection: when a primary's run id changed, the server may have lost deletes it had acknowledged —
    /// a snapshot from before them, or a replica they had not reached — so this instance applies its recent
    /// invalidations again (the last <see cref="CacheGenOptions.InvalidationQueueCapacity"/>). Until they are applied it
    /// reads nothing from Redis, and other instances are still settling after their own reconnection.
    /// </summary>
    private async Task CheckServerIdentityAsync()
    {
        if (Interlocked.Exchange(ref _checkingIdentity, 1) != 0)
        {
            return;
        }

        try
        {
            for (var attempt = 0; attempt < 5 && !ShutdownToken.IsCancellationRequested; attempt++)
            {
                if (await ReadServerIdentityAsync().ConfigureAwait(false) is not { } identity)
                {
                    // Connection-level wait: real time, whatever clock the cache logic runs on.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), ShutdownToken).ConfigureAwait(false);
                    continue;
                }

                var previous = Interlocked.Exchange(ref _serverIdentity, identity);
                if (previous is not null && previous != identity)
                {
                    var keys = _recent.Keys();
                    Log.ServerReplaced(_logger, keys.Count);
                    foreach (var key in keys)
                    {
                        _pendingInvalidations.Enqueue(key);
                    }

                    StartDraining();
                }

                return;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            Volatile.Write(ref _checkingIdentity, 0);
        }
    }

    /// <summary>The primaries' run ids, or null when they cannot be read now (not connected, INFO refused or unknown).</summary>
    private async Task<string?> ReadServerIdentityAsync()
    {
        var ids = new System.Collections.Generic.List<string>();
        try
        {
            foreach (var server in _connection!.GetServers())
            {
                if (server.IsReplica)
                {
                    continue;
                }

                if (!server.IsConnected)
                {
                    return null;
                }

                // INFO through a script: the client library allows INFO itself only on connections in admin mode.
                var result = await server.ExecuteAsync("EVAL", RunIdScript, 0).ConfigureAwait(false);
                var runId = result.IsNull ? null : (string?)result;
                if (string.IsNullOrEmpty(runId))
                {
                    return null;
                }

                ids.Add(server.EndPoint + "=" + runId);
            }
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            return null; // not connected yet, or a server whose scripts cannot call INFO: no restart detection
        }

        ids.Sort(StringComparer.Ordinal);
        return ids.Count == 0 ? null : string.Join(",", ids);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            BeginOutage("the connection to " + e.EndPoint + " failed (" + e.FailureType + ")", e.Exception);
        }
    }
}
