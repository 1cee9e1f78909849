using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CacheGen.AspNetCore;

/// <summary>Options of the CDN purge queue (<c>AddCdnPurger</c>).</summary>
public sealed class CdnPurgeOptions
{
    /// <summary>Most surrogate keys waiting to be purged; beyond it the oldest are dropped (logged, counted). Default 100,000.</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>The longest pause between two attempts while the CDN fails. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Purges the CDN after every invalidation (<see cref="CacheEngine.Invalidated"/>): the keys are queued (each once),
/// sent in batches of the purger's size by one background loop, retried with back-off while the CDN fails — so an outage
/// delays purges, never loses them — and counted in <c>cachegen.cdn.purges</c> (<c>outcome</c> = <c>purged</c>,
/// <c>failed</c>, <c>dropped</c>; one per surrogate key). Nothing here runs on the write's path.
/// </summary>
public sealed partial class CdnPurging : IHostedService, IDisposable
{
    // Same name as the runtime's source: listeners of "CacheGen" see the purges too.
    private static readonly ActivitySource Source = new(CacheGenTelemetry.ActivitySourceName);
    private const string OutcomeTag = "cachegen.cdn.outcome";

    private readonly CacheEngine _engine;
    private readonly ICdnPurger _purger;
    private readonly string _purgerName;
    private readonly CdnPurgeOptions _options;
    private readonly ILogger _logger;
    private readonly Meter _meter;
    private readonly Counter<long> _purges;
    private readonly object _gate = new();

    // Each key once, oldest first, with a version: a key queued again while its purge is in flight is purged again.
    private readonly LinkedList<string> _order = new();
    private readonly Dictionary<string, (long Version, LinkedListNode<string> Node)> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private long _version;
    private int _disposed;
    private Task? _loop;

    /// <summary>Creates the queue; <c>AddCdnPurger</c> registers it as a hosted service.</summary>
    public CdnPurging(CacheEngine engine, ICdnPurger purger, IOptions<CdnPurgeOptions> options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(purger);
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _purger = purger;
        _purgerName = purger.GetType().Name;
        _options = options.Value;
        if (_options.Capacity < 1 || _options.MaxRetryDelay <= TimeSpan.Zero || purger.MaxKeysPerRequest < 1)
        {
            throw new ArgumentException("CdnPurgeOptions.Capacity must be at least 1, MaxRetryDelay positive, and the purger's MaxKeysPerRequest at least 1.", nameof(options));
        }

        _logger = loggerFactory?.CreateLogger("CacheGen.Cdn") ?? NullLogger.Instance;
        _meter = meterFactory?.Create("CacheGen") ?? new Meter("CacheGen");
        _purges = _meter.CreateCounter<long>("cachegen.cdn.purges", "{key}", "Surrogate keys purged from the CDN, or failed (each attempt) or dropped");
    }

    /// <summary>Surrogate keys waiting to be purged (a health check can watch it).</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Test hook: raised after each batch the CDN accepted (with its keys).</summary>
    internal event Action<IReadOnlyList<string>>? Purged;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _engine.Invalidated += OnInvalidated;
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _engine.Invalidated -= OnInvalidated;
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Pending is var left and > 0)
        {
            LogLeftOnStop(_logger, left);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Registered as itself and as a hosted service: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _engine.Invalidated -= OnInvalidated;
        _stop.Cancel();
        _stop.Dispose();
        _signal.Dispose();
        _meter.Dispose();
    }

    private void OnInvalidated(object? sender, CacheInvalidatedEventArgs e) =>
        Enqueue(e.IsTag ? SurrogateKeys.ForTagInvalidation(e.Name) : SurrogateKeys.ForKeyInvalidation(e.Name));

    internal void Enqueue(IReadOnlyList<string> keys)
    {
        var dropped = 0;
        lock (_gate)
        {
            foreach (var key in keys)
            {
                var version = ++_version;
                if (_pending.TryGetValue(key, out var existing))
                {
                    _pending[key] = (version, existing.Node);
                    continue;
                }

                _pending[key] = (version, _order.AddLast(key));
                while (_pending.Count > _options.Capacity && _order.First is { } oldest)
                {
                    _order.RemoveFirst();
                    _pending.Remove(oldest.Value);
                    dropped++;
                }
            }
        }

        if (dropped > 0)
        {
            _purges.Add(dropped, new KeyValuePair<string, object?>("outcome", "dropped"));
            LogDropped(_logger, dropped, _options.Capacity);
        }

        _signal.Release();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stop.IsCancellationRequested)
        {
            List<(string Key, long Version)> batch;
            lock (_gate)
            {
                batch = _order.Take(_purger.MaxKeysPerRequest).Select(k => (k, _pending[k].Version)).ToList();
            }

            if (batch.Count == 0)
            {
                try
                {
                    await _signal.WaitAsync(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            var keys = batch.Select(b => b.Key).ToList();
            using var activity = StartPurge(keys.Count);
            try
            {
                await _purger.PurgeAsync(keys, stop).ConfigureAwait(false);
                Settle(batch);
                _purges.Add(keys.Count, new KeyValuePair<string, object?>("outcome", "purged"));
                activity?.SetTag(OutcomeTag, "purged");
                activity?.Dispose(); // ended before anyone is told
                delay = TimeSpan.FromMilliseconds(100);
                Purged?.Invoke(keys);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is CdnPurgeException { Retryable: false })
            {
                LogRefused(_logger, keys.Count, ex.Message);
                _purges.Add(keys.Count, new KeyValuePair<string, object?>("outcome", "dropped"));
                Failed(activity, "dropped", ex);
                Settle(batch);
            }
            catch (Exception ex)
            {
                _purges.Add(keys.Count, new KeyValuePair<string, object?>("outcome", "failed"));
                Failed(activity, "failed", ex);
                activity?.Dispose(); // the span is the attempt, not the back-off after it
                LogFailed(_logger, keys.Count, delay, ex.Message);
                try
                {
                    await Task.Delay(delay, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>A span per purge request (<c>cachegen.cdn.purge</c> on the <c>CacheGen</c> activity source), null when nobody listens.</summary>
    private Activity? StartPurge(int keys)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("cachegen.cdn.purge", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = "purge " + _purgerName;
            activity.SetTag("cachegen.cdn.purger", _purgerName);
            activity.SetTag("cachegen.cdn.keys", keys);
        }

        return activity;
    }

    private static void Failed(Activity? activity, string outcome, Exception exception)
    {
        activity?.SetTag(OutcomeTag, outcome);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }

    // Removes the keys of a batch the CDN carried out, unless queued again meanwhile (then they are purged again).
    private void Settle(List<(string Key, long Version)> batch)
    {
        lock (_gate)
        {
            foreach (var (key, version) in batch)
            {
                if (_pending.TryGetValue(key, out var current) && current.Version == version)
                {
                    _order.Remove(current.Node);
                    _pending.Remove(key);
                }
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Purging {Count} surrogate key(s) from the CDN failed ({Reason}); trying again in {Delay}. The keys stay queued.")]
    private static partial void LogFailed(ILogger logger, int count, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Error, "The CDN refused to purge {Count} surrogate key(s) ({Reason}); they are dropped: check the purger's credentials and configuration.")]
    private static partial void LogRefused(ILogger logger, int count, string reason);

    [LoggerMessage(3, LogLevel.Error, "{Count} surrogate key(s) were dropped from the CDN purge queue, which holds at most {Capacity}: the CDN may serve responses built before their invalidation until their s-maxage ends.")]
    private static partial void LogDropped(ILogger logger, int count, int capacity);

    [LoggerMessage(4, LogLevel.Warning, "{Count} surrogate key(s) were still waiting to be purged from the CDN when the application stopped.")]
    private static partial void LogLeftOnStop(ILogger logger, int count);
}
