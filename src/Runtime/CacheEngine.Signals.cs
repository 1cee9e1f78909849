using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;
using StackExchange.Redis;

namespace CacheGen;

public sealed partial class CacheEngine
{
    // Takes or renews the sampling lease: one instance samples the servers' signals at a time.
    private const string SamplerLeaseScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
        return 0
        """;

    private const string SamplerReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private RedisSignalsSampler? _signals;
    private LogThrottle? _signalsLog;

    // INFO and SLOWLOG are admin commands to StackExchange.Redis: the sampling instance reads them over a connection
    // of its own with admin mode on, made from the engine's configuration when it first samples.
    private ConnectionMultiplexer? _signalsConnection;

    /// <summary>The key of the lease that elects the instance sampling the servers' signals.</summary>
    internal RedisKey SamplerLeaseKey => _options.KeyPrefix + "signals:sampler";

    /// <summary>The sampler of the servers' signals; null unless <see cref="CacheGenOptions.RedisSignals"/> is enabled.</summary>
    internal RedisSignalsSampler? Signals => _signals;

    /// <summary>
    /// The engine's own gauges, and the servers' signals when enabled: invalidations waiting for Redis in this instance,
    /// the keyspaces configured as critical.
    /// </summary>
    private void RegisterInstruments()
    {
        Metrics.Meter.CreateObservableGauge("cachegen.invalidations.queue.length", () => (long)PendingInvalidations, "{invalidation}", "Invalidations this instance holds until Redis can apply them.");
        Metrics.Meter.CreateObservableGauge("cachegen.keyspace.critical", ObserveCriticalKeyspaces, unit: null, "1 for each keyspace configured as critical (CacheGen:Keyspaces:<keyspace>:Critical), for alert rules to select.");
        if (_options.RedisSignals.Enabled)
        {
            _signals = new RedisSignalsSampler(Metrics.Meter, _logger, Time.GetUtcNow().ToUnixTimeSeconds());
            _signalsLog = new LogThrottle(Time, TimeSpan.FromHours(1));
            _ = SampleSignalsAsync();
        }
    }

    private IEnumerable<Measurement<long>> ObserveCriticalKeyspaces()
    {
        foreach (var (keyspace, settings) in _options.Keyspaces)
        {
            if (settings.Critical == true)
            {
                yield return new Measurement<long>(1, new KeyValuePair<string, object?>("keyspace", keyspace));
            }
        }
    }

    private async Task SampleSignalsAsync()
    {
        try
        {
            await _ready.Task.WaitAsync(ShutdownToken).ConfigureAwait(false);
            while (!ShutdownToken.IsCancellationRequested)
            {
                // A period first, then a sample: instances started together do not all race for the lease at start.
                // Connection upkeep: real time, whatever clock the cache logic runs on.
                await Task.Delay(_options.RedisSignals.Period, ShutdownToken).ConfigureAwait(false);
                await SampleSignalsOnceAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>
    /// One sampling round: takes (or renews) the sampling lease unless every instance samples, then samples every
    /// primary. Returns whether this instance sampled.
    /// </summary>
    internal async Task<bool> SampleSignalsOnceAsync()
    {
        if (_signals is null || _connection is not { } connection || _database is not { } database)
        {
            return false;
        }

        try
        {
            if (!_options.RedisSignals.EveryInstance)
            {
                var lease = (long)(_options.RedisSignals.Period.TotalMilliseconds * 3);
                var held = (long)await database.ScriptEvaluateAsync(SamplerLeaseScript, [SamplerLeaseKey], [_options.InstanceId, lease]).ConfigureAwait(false);
                if (held != 1)
                {
                    _signals.Clear();
                    return false;
                }
            }

            _signalsConnection ??= await ConnectForSignalsAsync(connection).ConfigureAwait(false);
            await _signals.SampleAsync(_signalsConnection, _options.RedisSignals.EveryInstance ? null : (database, _options.KeyPrefix)).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (IsRedisFailure(ex) || ex is SignalsUnavailableException)
        {
            _signals.Clear();
            if (_signalsLog!.ShouldLog())
            {
                Log.SignalsSamplingFailed(_logger, ex.Message, ex);
            }

            return false;
        }
    }

    private async Task<ConnectionMultiplexer> ConnectForSignalsAsync(IConnectionMultiplexer connection)
    {
        var configuration = ConfigurationOptions.Parse(connection.Configuration);
        configuration.AllowAdmin = true;
        configuration.AbortOnConnectFail = false;
        configuration.ClientName = "cachegen-signals";
        var signals = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        if (Volatile.Read(ref _disposed) != 0)
        {
            await signals.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(CacheEngine));
        }

        return signals;
    }

    /// <summary>Hands the sampling lease back (another instance samples at its next period) and closes the admin connection.</summary>
    private async Task StopSignalsAsync()
    {
        if (_signals is null)
        {
            return;
        }

        _signals.Clear(); // a disposed engine reports nothing

        if (!_options.RedisSignals.EveryInstance && _database is { } database)
        {
            try
            {
                await database.ScriptEvaluateAsync(SamplerReleaseScript, [SamplerLeaseKey], [_options.InstanceId]).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                // It expires.
            }
        }

        if (Interlocked.Exchange(ref _signalsConnection, null) is { } signals)
        {
            await signals.DisposeAsync().ConfigureAwait(false);
        }
    }
}
