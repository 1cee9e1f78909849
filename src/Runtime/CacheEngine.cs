using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CacheGen;

/// <summary>
/// The CacheGen runtime: one per application (a DI singleton). Generated decorators get their per-method entry point
/// from <c>GetCachedMethod</c>; hand-written code invalidates through <see cref="ICacheInvalidator"/>.
/// </summary>
/// <remarks>
/// Read path: L1 → in-process single flight → Redis GET → lease → loader → conditional write. Write path: atomic
/// delete of value and lease → publish on the invalidation channel → every instance evicts its L1 copy. Redis errors
/// never reach callers: the loader answers (fail-open) and a circuit breaker rests Redis for a while.
/// </remarks>
public sealed partial class CacheEngine : ICacheInvalidator, IAsyncDisposable, IDisposable
{
    private readonly CacheGenOptions _options;
    private readonly ILogger _logger;
    private readonly CircuitBreaker _breaker;
    private readonly ConcurrentDictionary<string, object> _flights = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CachePolicy, object> _methods = new();
    private readonly ConcurrentDictionary<string, KeyspaceTags> _keyspaces = new(StringComparer.Ordinal);
    private readonly InvalidationQueue _pendingInvalidations;
    private readonly RecentInvalidations _recent;
    private readonly RedisChannel _channel;
    private readonly RedisChannel _fillChannel;
    private readonly string _confirmChannelName;

    // The confirm channel is sharded on a Redis Cluster (SSUBSCRIBE/SPUBLISH): there every subscriber of a sharded
    // channel is on one node, so SPUBLISH counts them all, where PUBLISH counts only the node it ran on.
    private volatile bool _confirmSharded;
    private readonly RedisChannel _ackChannel;
    private readonly InvalidationAcks _acks = new();
    private readonly bool _ownsConnection;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAttemptFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _started;
    private volatile bool _startupOver;
    private IConnectionMultiplexer? _connection;
    private IDatabase? _database;
    private int _draining;
    private readonly LogThrottle _serverErrorLog;
    private readonly LogThrottle _malformedLog;
    private int _subscribing;
    private int _disposed;

    /// <summary>Creates an engine. Prefer <c>services.AddCacheGen(…)</c>, which calls this for you.</summary>
    /// <param name="options">The options; validated here.</param>
    /// <param name="connection">
    /// The Redis connection to use. When <see langword="null"/>, the engine connects with <see cref="CacheGenOptions.Redis"/>
    /// in the background and owns (and disposes) that connection.
    /// </param>
    /// <param name="loggerFactory">Where to log; nothing is logged when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates Meter <c>CacheGen</c>; a standalone meter is used when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid or name no Redis and no connection was given.</exception>
    public CacheEngine(CacheGenOptions options, IConnectionMultiplexer? connection = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (connection is null && string.IsNullOrWhiteSpace(options.Redis))
        {
            throw new ArgumentException("CacheGen needs Redis: set CacheGenOptions.Redis (for example \"localhost:6379\") or register an IConnectionMultiplexer.", nameof(options));
        }

        if (connection is null)
        {
            ValidateRedisConfiguration(options.Redis!);
        }

        _options = options;
        Time = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger("CacheGen") ?? NullLogger.Instance;
        Metrics = new CacheGenMetrics(meterFactory);
        _breaker = new CircuitBreaker(Time, options.BreakDuration, options.BreakerSamplingDuration, options.BreakerFailureRatio, options.BreakerMinimumThroughput);
        Local = new LocalIndex(options.LocalCacheMaxEntries, Time);
        Tags = new TagTokens(Math.Max(1024, options.LocalCacheMaxEntries));
        Codec = new CachedValueCodec(options.Serializer ?? new SystemTextJsonCacheSerializer(options.JsonSerializerOptions));
        _pendingInvalidations = new InvalidationQueue(options.InvalidationQueueCapacity);
        _recent = new RecentInvalidations(options.InvalidationQueueCapacity);
        _channel = RedisChannel.Literal(options.InvalidationChannel);
        _fillChannel = RedisChannel.Literal(options.InvalidationChannel + FillChannelSuffix);
        _confirmChannelName = options.InvalidationChannel + ConfirmChannelSuffix;
        _ackChannel = AckChannelOf(options.InstanceId);
        Random = Random.Shared;
        _started = Time.GetTimestamp();
        _serverErrorLog = new LogThrottle(Time, TimeSpan.FromMinutes(1));
        _malformedLog = new LogThrottle(Time, TimeSpan.FromMinutes(1));
        RegisterInstruments();

        if (connection is not null)
        {
            _ = AttachAsync(connection);
        }
        else
        {
            _ownsConnection = true;
            _ = ConnectAsync(options.Redis!);
        }
    }

    /// <summary>
    /// A typo in the configuration string is a configuration error, found at start, not a Redis outage that leaves the
    /// application uncached for good. (The string itself is not repeated: it may hold a password.)
    /// </summary>
    internal static void ValidateRedisConfiguration(string configuration)
    {
        try
        {
            _ = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"CacheGenOptions.Redis is not a valid StackExchange.Redis configuration string: {ex.Message}", nameof(configuration), ex);
        }
    }

    /// <summary>This instance's id, as sent with its invalidations.</summary>
    public string InstanceId => _options.InstanceId;

    /// <summary>
    /// The connection, once made. <see langword="null"/> while a connection from <see cref="CacheGenOptions.Redis"/> is
    /// still being set up.
    /// </summary>
    public IConnectionMultiplexer? Connection => _connection;

    /// <summary>
    /// Waits until the engine is connected to Redis and subscribed to the invalidation channel — for a warm start or a
    /// readiness probe. The engine serves calls before that too (from the loader, fail-open); this only tells when
    /// caching has begun.
    /// </summary>
    /// <returns><see langword="true"/> when ready within <paramref name="timeout"/>; otherwise <see langword="false"/>.</returns>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _ready.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    internal CacheGenOptions Options => _options;

    internal TimeProvider Time { get; }

    internal CacheGenMetrics Metrics { get; }

    internal LocalIndex Local { get; }

    /// <summary>What this instance knows of the tags it uses (see <see cref="TagTokens"/>).</summary>
    internal TagTokens Tags { get; }

    /// <summary>Drops every L1 copy and what is known of every tag: invalidations may have been missed.</summary>
    internal void ForgetLocalState()
    {
        Local.Clear();
        Tags.Clear();
    }

    internal CachedValueCodec Codec { get; }

    internal ConcurrentDictionary<string, object> Flights => _flights;

    /// <summary>Loads of callers that already know Redis cannot answer: they never ask it, so nobody waits on them for a timeout.</summary>
    internal ConcurrentDictionary<string, object> FailOpenFlights { get; } = new(StringComparer.Ordinal);

    internal ILogger Logger => _logger;

    internal Random Random { get; }

    /// <summary>Completes when the connection is up and the invalidation channel is subscribed.</summary>
    internal Task Ready => _ready.Task;

    /// <summary>
    /// While the first connection is still being made (within <see cref="CacheGenOptions.StartupWait"/> of the engine's
    /// start), waits for it, so the first calls use the cache rather than each running its loader. Completes at once
    /// afterwards, and when the first attempt has failed.
    /// </summary>
    internal Task WaitForStartupAsync(CancellationToken cancellationToken)
    {
        if (_ready.Task.IsCompleted || _startupOver)
        {
            return Task.CompletedTask;
        }

        var remaining = _options.StartupWait - Time.GetElapsedTime(_started);
        if (remaining <= TimeSpan.Zero)
        {
            _startupOver = true;
            return Task.CompletedTask;
        }

        return WaitAsync(remaining, cancellationToken);

        async Task WaitAsync(TimeSpan remaining, CancellationToken cancellationToken)
        {
            try
            {
                // Connection-level wait: real time, whatever clock the cache logic runs on.
                await Task.WhenAny(_ready.Task, _firstAttemptFailed.Task).WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _startupOver = true;
            }
        }
    }

    /// <summary>
    /// Invalidations this instance could not deliver to Redis yet (queued during an outage, replayed when Redis answers).
    /// While it is not zero the instance reads nothing from Redis. For health checks and dashboards.
    /// </summary>
    public int PendingInvalidations => _pendingInvalidations.Count;

    /// <summary>
    /// The entry point of one cached method for generated code: call once per decorator (or keep it) and then call
    /// <see cref="CachedMethod{TKey, TValue}"/>.<c>GetOrLoadAsync</c> per request.
    /// </summary>
    /// <typeparam name="TKey">The method's key arguments, usually a value tuple such as <c>(int, int)</c>.</typeparam>
    /// <typeparam name="TValue">The cached type.</typeparam>
    /// <param name="policy">The method's policy; keep one instance per method (generated code uses a static field).</param>
    /// <param name="formatKey">Renders the key arguments into the logical key with <see cref="CacheKeyTemplate.Render(ReadOnlySpan{string?})"/>.</param>
    public CachedMethod<TKey, TValue> GetCachedMethod<TKey, TValue>(CachePolicy policy, Func<TKey, string> formatKey)
        where TKey : notnull =>
        GetCachedMethod<TKey, TValue>(policy, formatKey, null);

    /// <summary>
    /// As <see cref="GetCachedMethod{TKey, TValue}(CachePolicy, Func{TKey, string})"/>, for a policy with
    /// <see cref="CachePolicy.Tags"/>: <paramref name="formatTags"/> renders an entry's tags from its key arguments, one
    /// value per tag template, in order.
    /// </summary>
    /// <exception cref="ArgumentException">The policy declares tags and <paramref name="formatTags"/> is null.</exception>
    public CachedMethod<TKey, TValue> GetCachedMethod<TKey, TValue>(CachePolicy policy, Func<TKey, string> formatKey, Func<TKey, string[]>? formatTags)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(formatKey);
        if (policy.Tags.Count > 0 && formatTags is null)
        {
            throw new ArgumentException($"Cache key \"{policy.Template.Template}\" declares tags: pass a formatTags function that renders them.", nameof(formatTags));
        }

        // A keyspace's settings from configuration replace the attribute's values.
        var method = _methods.GetOrAdd(policy, static (p, state) => new CachedMethod<TKey, TValue>(state.Engine, state.Engine.Effective(p), state.Format, state.Tags), (Engine: this, Format: formatKey, Tags: formatTags));
        return method as CachedMethod<TKey, TValue>
            ?? throw new InvalidOperationException($"Cache policy \"{policy.Template.Template}\" is already used with other key or value types; give each cached method its own CachePolicy.");
    }

    /// <summary>
    /// The policy a method runs with: its own, with <see cref="CacheGenOptions.Defaults"/> for the settings its declaration
    /// left unset, then its keyspace's <see cref="CacheGenOptions.Keyspaces"/> settings.
    /// </summary>
    internal CachePolicy Effective(CachePolicy policy)
    {
        policy = _options.Defaults.Apply(policy, onlyUnset: true);
        return _options.Keyspaces.TryGetValue(policy.Keyspace, out var settings) && settings is not null ? settings.Apply(policy) : policy;
    }

    internal KeyspaceTags TagsFor(string keyspace)
    {
        if (_keyspaces.TryGetValue(keyspace, out var tags))
        {
            return tags;
        }

        // Keyspaces of hand-written keys are open-ended: bound the tag cardinality.
        if (_keyspaces.Count >= 1000)
        {
            keyspace = "(other)";
        }

        return _keyspaces.GetOrAdd(keyspace, static k => new KeyspaceTags(k));
    }

    internal RedisKeys KeysFor(string logicalKey) => new(_options.KeyPrefix, logicalKey);

    /// <summary>Redis for a read or a load, or false when it must be skipped (not connected, breaker open, or
    /// invalidations still waiting to be applied).</summary>
    internal bool TryGetDatabase([NotNullWhen(true)] out IDatabase? database)
    {
        database = _database;

        // The breaker last: when it is half-open, asking makes this call its probe.
        if (database is null || !_pendingInvalidations.IsEmpty || !_connection!.IsConnected || Settling || !_breaker.AllowsCall())
        {
            database = null;
            return false;
        }

        return true;
    }

    /// <summary>
    /// How long after a reconnection the engine reads nothing from Redis: the time other instances need to reconnect
    /// (a connection the engine creates retries every 200 ms, checked every 200 ms) and replay what they queued.
    /// </summary>
    internal static readonly TimeSpan ReconnectSettleTime = TimeSpan.FromMilliseconds(500);

    // Stopwatch timestamp until which reads skip Redis after a reconnection (0: not settling).
    private long _readsResumeAt;

    private bool Settling
    {
        get
        {
            var until = Volatile.Read(ref _readsResumeAt);
            if (until == 0)
            {
                return false;
            }

            if (Stopwatch.GetTimestamp() < until)
            {
                return true;
            }

            Volatile.Write(ref _readsResumeAt, 0);
            return false;
        }
    }

    /// <summary>Test hook: completes when reads may use Redis again after a reconnection.</summary>
    internal async Task WhenSettledAsync()
    {
        // A timer may fire a little before the stopwatch says the time is up: check again.
        while (Settling)
        {
            var until = Volatile.Read(ref _readsResumeAt);
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until) + TimeSpan.FromMilliseconds(5)).ConfigureAwait(false);
        }
    }

    internal static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException;

    /// <summary>
    /// A Redis call failed. A server's error reply (<see cref="RedisServerException"/>: WRONGTYPE on one key, OOM on a
    /// write, a busy script …) is about that command: counted and logged (at most once a minute), and the engine goes on
    /// using Redis. Only transport failures — timeouts, broken connections — say Redis is unavailable and open the breaker.
    /// </summary>
    internal void ReportRedisFailure(Exception exception, string? keyspace = null)
    {

        if (exception is RedisServerException)
        {
            Metrics.Errors.Add(1, [new("keyspace", keyspace ?? "(unknown)"), new("kind", "server")]);
            if (_serverErrorLog.ShouldLog())
            {
                Log.RedisCommandFailed(_logger, keyspace ?? "(unknown)", exception);
            }

            return;
        }

        if (_breaker.OnFailure())
        {
            BeginOutage("too many Redis calls failed", exception);
        }
    }

    /// <summary>A Redis call answered: counted by the circuit breaker (and closes it when this was its probe).</summary>
    internal void ReportRedisSuccess() => _breaker.OnSuccess();

    internal bool TryBeginRefresh(string logicalKey) => _refreshing.TryAdd(logicalKey, 0);

    internal void EndRefresh(string logicalKey) => _refreshing.TryRemove(logicalKey, out _);

    internal CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>Test hook: raised after a background refresh finished (with its key).</summary>
    internal event Action<string>? RefreshCompleted;

    /// <summary>Test hook: runs between a load's version check and its L1 fill (with the key).</summary>
    internal Action<string>? BeforeLocalFill { get; set; }

    /// <summary>Test hook: runs right before a lease script is sent (with the value key).</summary>
    internal Action<string>? BeforeLeaseScript { get; set; }

    /// <summary>Test hook: runs after a caller joined another caller's load of the key (with the key).</summary>
    internal Action<string>? AfterFlightJoined { get; set; }

    /// <summary>Test hook: runs after an invalidation's first local eviction, before its Redis delete (with the key).</summary>
    internal Action<string>? BeforeInvalidationDelete { get; set; }

    /// <summary>Test hook: runs before another instance's invalidation is applied here (with its key).</summary>
    internal Action<string>? BeforeInvalidationApplied { get; set; }

    /// <summary>Test hook: raised after another instance's invalidation was applied here (with its key).</summary>
    internal event Action<string>? InvalidationReceived;

    /// <summary>Test hook: raised after the invalidation queue was drained.</summary>
    internal event Action? InvalidationsDrained;

    internal void OnRefreshCompleted(string logicalKey) => RefreshCompleted?.Invoke(logicalKey);

    private async Task ConnectAsync(string configuration)
    {
        try
        {
            var config = ConfigurationOptions.Parse(configuration);
            config.AbortOnConnectFail = false;
            config.BacklogPolicy = BacklogPolicy.FailFast;
            config.AsyncTimeout = config.SyncTimeout = (int)_options.OperationTimeout.TotalMilliseconds;
            // Reconnect within a fifth of a second of Redis coming back (an instance that queued invalidations replays them
            // then), and notice timed-out commands as often: the library checks both on its heartbeat, by default once a second.
            config.ReconnectRetryPolicy = new LinearRetry(200);
            config.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            var connection = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
            if (Volatile.Read(ref _disposed) != 0)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                return;
            }

            if (!connection.IsConnected)
            {
                BeginOutage("the first connection attempt failed", null);
                _firstAttemptFailed.TrySetResult(); // Redis is not there yet: stop holding the first calls back
            }

            await AttachAsync(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex) || ex is ArgumentException)
        {
            BeginOutage("connecting failed", ex);
            _firstAttemptFailed.TrySetResult();
        }
    }

    private async Task AttachAsync(IConnectionMultiplexer connection)
    {
        _connection = connection;
        _database = connection.GetDatabase();
        connection.ConnectionRestored += OnConnectionRestored;
        connection.ConnectionFailed += OnConnectionFailed;
        await SubscribeAsync().ConfigureAwait(false);
    }

    private async Task SubscribeAsync()
    {
        if (Interlocked.Exchange(ref _subscribing, 1) != 0)
        {
            return;
        }

        // Retried until it works: a first subscription can time out on a cold or briefly unreachable server, and
        // an instance that never hears invalidations would keep stale L1 copies.
        var pause = TimeSpan.FromMilliseconds(100);
        var logged = false;
        try
        {
            while (!ShutdownToken.IsCancellationRequested)
            {
                try
                {
                    var subscriber = _connection!.GetSubscriber();
                    await subscriber.SubscribeAsync(_fillChannel, OnFillMessage).ConfigureAwait(false);
                    await subscriber.SubscribeAsync(_ackChannel, OnAckMessage).ConfigureAwait(false);
                    await SubscribeConfirmChannelAsync(subscriber).ConfigureAwait(false);
                    await subscriber.SubscribeAsync(_channel, OnInvalidationMessage).ConfigureAwait(false);
                    _ready.TrySetResult();
                    StartHeartbeat();
                    _ = CheckServerIdentityAsync();
                    return;
                }
                catch (Exception ex) when (IsRedisFailure(ex))
                {
                    if (!logged)
                    {
                        Log.SubscribeFailed(_logger, _options.InvalidationChannel, ex);
                        logged = true;
                    }
                }

                // Connection upkeep waits in real time, whatever clock the cache logic runs on.
                await Task.Delay(pause, ShutdownToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            Volatile.Write(ref _subscribing, 0);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        // Invalidations published while we were away were lost to us: drop every L1 copy (whichever of the two
        // connections was lost: with a separate subscription connection, that is where they were lost).
        ForgetLocalState();
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        _breaker.Reset();

        // Other instances may hold invalidations they could not deliver while Redis was away, and a Redis restarted from
        // a snapshot holds values from before them: give them the time to reconnect and replay before reading.
        Volatile.Write(ref _readsResumeAt, Stopwatch.GetTimestamp() + (long)(ReconnectSettleTime.TotalSeconds * Stopwatch.Frequency));
        Log.ConnectionRestored(_logger);
        _ = CheckServerIdentityAsync();
        if (!_ready.Task.IsCompleted)
        {
            _ = SubscribeAsync();
        }

        StartDraining();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        await StopSignalsAsync().ConfigureAwait(false);
        var connection = _connection;
        if (connection is not null)
        {
            connection.ConnectionRestored -= OnConnectionRestored;
            connection.ConnectionFailed -= OnConnectionFailed;
            try
            {
                await connection.GetSubscriber().UnsubscribeAsync(_channel, OnInvalidationMessage).ConfigureAwait(false);
                await connection.GetSubscriber().UnsubscribeAsync(_fillChannel, OnFillMessage).ConfigureAwait(false);
                await connection.GetSubscriber().UnsubscribeAsync(_ackChannel, OnAckMessage).ConfigureAwait(false);
                await connection.GetSubscriber().UnsubscribeAsync(ConfirmChannel, OnConfirmMessage).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                // Shutting down: nothing to tell anyone.
            }

            if (_ownsConnection)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }

        _trustTimer?.Dispose();
        Metrics.Dispose();
        _shutdown.Dispose();
    }
}
