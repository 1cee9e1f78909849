using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;
using StackExchange.Redis;

namespace CacheGen;

/// <summary>
/// The runtime side of one <see cref="CachedAttribute"/> method, bound to one <see cref="CacheEngine"/>. Generated
/// decorators call <c>GetOrLoadAsync</c> (or <c>GetOrLoadTaskAsync</c>) with the key
/// arguments; the logical key string is built only when L1 misses.
/// </summary>
/// <typeparam name="TKey">The key arguments, usually a value tuple: the L1 is keyed by it.</typeparam>
/// <typeparam name="TValue">The cached type.</typeparam>
public sealed class CachedMethod<TKey, TValue>
    where TKey : notnull
{
    private readonly CacheEngine _engine;
    private readonly Func<TKey, string> _formatKey;
    private readonly Func<TKey, string[]>? _formatTags;
    private readonly LocalCache<TKey, TValue>? _local;
    private readonly KeyspaceTags _tags;
    private readonly long _localTtlTicks;

    // Redis reads of this method outside the single flight, now. While one runs, other callers go through the flight,
    // so a burst of callers on a missing key costs one read, not one each.
    private int _directReads;

    // Values written so far (the first ones, then a sample, are read back before they are written: see EncodeForCache),
    // and whether a value failed that check, which stops caching this method in this process.
    private int _writes;
    private int _uncacheable;

    internal CachedMethod(CacheEngine engine, CachePolicy policy, Func<TKey, string> formatKey, Func<TKey, string[]>? formatTags = null)
    {
        _engine = engine;
        Policy = policy;
        _formatKey = formatKey;
        _formatTags = policy.Tags.Count > 0 || policy.TagsPerCall ? formatTags : null;
        _tags = engine.TagsFor(policy.Keyspace);
        if (policy.LocalTtlSeconds > 0)
        {
            // Generated keys wrap the types whose equality is coarser than their text (CacheKeyPart<T>); a hand-written
            // key of such a type compares by its rendered text, so two arguments share an entry only if they share a key.
            _local = new LocalCache<TKey, TValue>(engine.Local, KeyIdentity.IsCoarserThanText(typeof(TKey)) ? new RenderedKeyComparer<TKey>(formatKey) : null);
            _localTtlTicks = policy.LocalTtlSeconds * engine.Time.TimestampFrequency;
        }
    }

    /// <summary>The method's policy.</summary>
    public CachePolicy Policy { get; }

    /// <summary>
    /// Whether this method is cached in this process: <see langword="false"/> once one of its values did not come back
    /// from the serializer as it went in (or could not be serialized). From then on every call runs the method.
    /// </summary>
    public bool IsCaching => Volatile.Read(ref _uncacheable) == 0;

    /// <summary>Renders the logical key of <paramref name="key"/>, as stored in Redis (before the prefix and hash tag).</summary>
    public string FormatKey(TKey key) => _formatKey(key);

    /// <summary>Renders the tags of the entry of <paramref name="key"/>; empty when the method declares none.</summary>
    public IReadOnlyList<string> FormatTags(TKey key) => RenderTags(key) ?? [];

    private string[]? RenderTags(TKey key)
    {
        if (_formatTags is null)
        {
            return null;
        }

        var tags = _formatTags(key);
        if (Policy.TagsPerCall)
        {
            return tags is { Length: > 0 } ? tags : null;
        }

        if (tags is null || tags.Length != Policy.Tags.Count)
        {
            throw new InvalidOperationException($"The tags of cache key \"{Policy.Template.Template}\" rendered {tags?.Length ?? 0} values for {Policy.Tags.Count} tag templates.");
        }

        return tags;
    }

    /// <summary>How long a tag must outlive an entry stamped with its token: the longest the entry can live, and a minute.</summary>
    private long TagLifetimeMilliseconds => ((Policy.TtlSeconds * (100L + Policy.JitterPercent) / 100) + Policy.StaleSeconds + 60) * 1000;

    /// <summary>
    /// Returns the cached value for <paramref name="key"/>, or loads it with <paramref name="loader"/> — once across
    /// every caller and instance — and caches it.
    /// </summary>
    /// <typeparam name="TState">What the loader needs (the inner service and the arguments): passed through, so the
    /// loader can be a static lambda and a hit allocates nothing.</typeparam>
    /// <param name="key">The key arguments.</param>
    /// <param name="state">The loader's state.</param>
    /// <param name="loader">Loads the value (calls the decorated method).</param>
    /// <param name="cancellationToken">Cancels this caller's wait; a shared load is passed the token of the caller that runs it.</param>
    /// <exception cref="Exception">Whatever the loader throws, when this caller's load ran it. Redis errors are never thrown.</exception>
    public ValueTask<TValue> GetOrLoadAsync<TState>(TKey key, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(key, state, loader, null, cancellationToken);

    /// <summary>
    /// As <see cref="GetOrLoadAsync{TState}(TKey, TState, Func{TState, CancellationToken, ValueTask{TValue}}, CancellationToken)"/>, with a
    /// separate loader for background refreshes (stale-while-revalidate), which run after the caller has returned:
    /// generated decorators pass one that resolves the implementation from a service scope of its own.
    /// </summary>
    public ValueTask<TValue> GetOrLoadAsync<TState>(TKey key, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, Func<TState, CancellationToken, ValueTask<TValue>>? refresh, CancellationToken cancellationToken = default)
    {
        if (_local is not null)
        {
            if (_engine.LocalTrusted && _local.TryGet(key, _engine.Time.GetTimestamp(), out var entry))
            {
                CountLocalHit(entry);
                return new ValueTask<TValue>(entry.Value);
            }

            _engine.Metrics.Requests.Add(1, _tags.L1Miss);
        }

        return new ValueTask<TValue>(LoadAsync(key, state, loader, refresh, cancellationToken));
    }

    /// <summary>
    /// As <c>GetOrLoadAsync</c>, for methods that return <see cref="Task{TResult}"/>: an L1 hit returns a
    /// task completed once per entry, so it allocates nothing.
    /// </summary>
    public Task<TValue> GetOrLoadTaskAsync<TState>(TKey key, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, CancellationToken cancellationToken = default) =>
        GetOrLoadTaskAsync(key, state, loader, null, cancellationToken);

    /// <summary>As <see cref="GetOrLoadTaskAsync{TState}(TKey, TState, Func{TState, CancellationToken, ValueTask{TValue}}, CancellationToken)"/>, with a separate loader for background refreshes.</summary>
    public Task<TValue> GetOrLoadTaskAsync<TState>(TKey key, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, Func<TState, CancellationToken, ValueTask<TValue>>? refresh, CancellationToken cancellationToken = default)
    {
        if (_local is not null)
        {
            if (_engine.LocalTrusted && _local.TryGet(key, _engine.Time.GetTimestamp(), out var entry))
            {
                CountLocalHit(entry);
                return entry.AsTask();
            }

            _engine.Metrics.Requests.Add(1, _tags.L1Miss);
        }

        return LoadAsync(key, state, loader, refresh, cancellationToken);
    }

    /// <summary>What an L1 hit reports: the request counter, the ambient trace, and a span when something listens.</summary>
    private void CountLocalHit(LocalEntry<TKey, TValue> entry)
    {
        _engine.Metrics.Requests.Add(1, _tags.L1Hit);
        CacheTrace.Current?.RecordLocalHit(_tags.Keyspace, entry.LogicalKey, entry.Tags);
        if (CacheGenTelemetry.Source.HasListeners())
        {
            CacheGenTelemetry.RecordLocalHit(_tags, entry.LogicalKey);
        }
    }

    /// <summary>Invalidates the entry of <paramref name="key"/> (see <see cref="ICacheInvalidator.InvalidateAsync"/>).</summary>
    public Task InvalidateAsync(TKey key, CancellationToken cancellationToken = default) =>
        _engine.InvalidateLogicalAsync(_formatKey(key), cancellationToken);

    private async Task<TValue> LoadAsync<TState>(TKey key, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, Func<TState, CancellationToken, ValueTask<TValue>>? refresh, CancellationToken cancellationToken)
    {
        // The call's span (null, allocating nothing, when nobody listens); the inner steps mark it (CacheGenTelemetry.Mark).
        // One method rather than a traced wrapper, so a Redis hit costs no second async frame.
        using var activity = CacheGenTelemetry.Start(CacheGenTelemetry.GetOperation, _tags.GetSpanName, _tags.Keyspace);
        try
        {
            // What Redis found for this caller: the flight's leader knows; a joiner is served what the leader loaded.
            if (!IsCaching)
            {
                return await LoadUncachedAsync(state, loader, cancellationToken).ConfigureAwait(false);
            }

            // Right after start, wait (bounded) for the first connection rather than running the loader uncached.
            await _engine.WaitForStartupAsync(cancellationToken).ConfigureAwait(false);

            var trace = CacheTrace.Current;
            var l1 = _local is null ? (CacheLayerOutcome?)null : CacheLayerOutcome.Miss;
            var logicalKey = _formatKey(key);
            var tags = RenderTags(key);
            activity?.SetTag(CacheGenTelemetry.KeyTag, logicalKey);
            var version = _local is null ? 0 : _engine.Local.VersionOf(logicalKey); // only an L1 fill checks it
            var ignoreStoredValue = false;
            var counted = false; // whether this call's Redis lookup is in cachegen.requests yet

            // A Redis hit needs no coordination, so it is read here, outside the single flight: one async frame and no
            // allocation of ours. Only a miss goes through the flight and the lease. A caller that arrives while a load of
            // this key is in flight joins it, and one that arrives while another read of this method is under way goes
            // through the flight too, so a burst on a missing key is coalesced from its first call.
            if (Volatile.Read(ref _directReads) == 0 && !_engine.Flights.ContainsKey(logicalKey))
            {
                RedisValue stored = default;
                var failOpen = !_engine.TryGetDatabase(out var database);
                var started = _engine.Time.GetTimestamp();
                if (database is not null)
                {
                    Interlocked.Increment(ref _directReads);
                    try
                    {
                        stored = await database.StringGetAsync(_engine.KeysFor(logicalKey).Value).ConfigureAwait(false);
                        _engine.ReportRedisSuccess();
                    }
                    catch (Exception ex) when (CacheEngine.IsRedisFailure(ex))
                    {
                        _engine.ReportRedisFailure(ex, _tags.Keyspace);
                        failOpen = true;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _directReads);
                    }
                }

                if (failOpen)
                {
                    // Redis is unavailable (or refused this key): still one load per key in this process — the flight's
                    // leader runs the loader, fenced by this instance's own invalidations. Such callers share a flight of
                    // their own that never asks Redis, so none of them waits for a command that is about to time out.
                    var uncached = await LoadSharedAsync(key, logicalKey, tags, state, loader, ignoreStoredValue: false, cancellationToken, skipRedis: true).ConfigureAwait(false);
                    Report(trace, activity, l1, uncached.Redis, logicalKey, tags);
                    return uncached.Value;
                }

                _engine.Metrics.CacheDuration.Record(_engine.Time.GetElapsedTime(started).TotalSeconds, _tags.Only);
                if (!stored.IsNull)
                {
                    TagState[]? tagStates = null;
                    if (TryDecode(logicalKey, stored, out var value, out var freshUntil, out var stamps)
                        && (tags is null || (tagStates = await ValidateTagsAsync(database!, tags, stamps).ConfigureAwait(false)) is not null))
                    {
                        var now = _engine.Time.GetUtcNow().ToUnixTimeMilliseconds();
                        if (now < freshUntil)
                        {
                            _engine.Metrics.Requests.Add(1, _tags.RedisHit);
                            FillLocal(key, logicalKey, value, freshUntil, version, tagStates);
                            Report(trace, activity, l1, CacheLayerOutcome.Hit, logicalKey, tags);
                            return value;
                        }

                        if (now < freshUntil + (Policy.StaleSeconds * 1000L))
                        {
                            _engine.Metrics.Requests.Add(1, _tags.RedisStale);
                            RefreshInBackground(key, logicalKey, tags, state, refresh ?? loader);
                            Report(trace, activity, l1, CacheLayerOutcome.Stale, logicalKey, tags);
                            return value;
                        }
                    }

                    // Unreadable, older than its stale window by this instance's clock, or one of its tags was invalidated
                    // since it was loaded: load over it.
                    ignoreStoredValue = true;
                }

                _engine.Metrics.Requests.Add(1, _tags.RedisMiss);
                counted = true;
            }

            var shared = await LoadSharedAsync(key, logicalKey, tags, state, loader, ignoreStoredValue, cancellationToken).ConfigureAwait(false);
            if (!counted && shared.Redis is { } answered)
            {
                // A call that went straight to the single flight (another read or load of this key was under way) is a
                // lookup too: a hit if the flight found the value in Redis, else a miss (it waited for a load).
                _engine.Metrics.Requests.Add(1, answered == CacheLayerOutcome.Hit ? _tags.RedisHit : _tags.RedisMiss);
            }

            Report(trace, activity, l1, shared.Redis, logicalKey, tags);
            return shared.Value;
        }
        catch (Exception ex) when (activity is not null)
        {
            CacheGenTelemetry.Fail(activity, ex);
            throw;
        }
    }

    /// <summary>What the layers found, for the ambient <see cref="CacheTrace"/> and the call's span.</summary>
    private void Report(CacheTrace? trace, Activity? activity, CacheLayerOutcome? l1, CacheLayerOutcome? redis, string logicalKey, string[]? tags)
    {
        trace?.Record(_tags.Keyspace, l1, redis, logicalKey, tags);
        if (activity is null)
        {
            return;
        }

        if (l1 is { } local)
        {
            activity.SetTag(CacheGenTelemetry.L1Tag, CacheGenTelemetry.Text(local));
        }

        if (redis is { } remote)
        {
            activity.SetTag(CacheGenTelemetry.RedisTag, CacheGenTelemetry.Text(remote));
            activity.SetTag(CacheGenTelemetry.StaleTag, remote == CacheLayerOutcome.Stale);
        }
    }

    /// <summary>
    /// A miss: one caller per key in this process takes the lease path; the others wait for its result, and are handed
    /// it only if no invalidation can have come between their arrival and the moment Redis settled it (see
    /// <see cref="Flight{T}"/>); otherwise they load again.
    /// </summary>
    private async Task<(TValue Value, CacheLayerOutcome? Redis)> LoadSharedAsync<TState>(TKey key, string logicalKey, string[]? tags, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, bool ignoreStoredValue, CancellationToken cancellationToken, bool skipRedis = false)
    {
        while (true)
        {
            var flights = skipRedis ? _engine.FailOpenFlights : _engine.Flights;
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsCaching)
            {
                return (await LoadUncachedAsync(state, loader, cancellationToken).ConfigureAwait(false), null);
            }

            var version = _engine.Local.VersionOf(logicalKey);
            var flight = new Flight<TValue>(version, StatesOf(tags));
            var current = flights.GetOrAdd(logicalKey, flight);
            if (current is Flight<TValue> { } older && !ReferenceEquals(older, flight) && older.Version != version)
            {
                // That load began before an invalidation this instance knows of: it may return the row from before the
                // write. Start a new one in its place (the old leader still answers its own caller).
                if (!flights.TryUpdate(logicalKey, flight, older))
                {
                    continue;
                }

                current = flight;
            }

            if (ReferenceEquals(current, flight))
            {
                try
                {
                    var fetched = await LeadAsync(key, logicalKey, tags, flight, state, loader, ignoreStoredValue, cancellationToken, skipRedis).ConfigureAwait(false);
                    flight.Complete(fetched.Value);
                    return fetched;
                }
                catch (Exception ex)
                {
                    flight.Fail(ex);
                    throw;
                }
                finally
                {
                    flights.TryRemove(new KeyValuePair<string, object>(logicalKey, flight));
                }
            }

            if (current is not Flight<TValue> other)
            {
                // Another method with the same key but another type: no sharing, no harm.
                return await LeadAsync(key, logicalKey, tags, new Flight<TValue>(version, StatesOf(tags)), state, loader, ignoreStoredValue, cancellationToken).ConfigureAwait(false);
            }

            _engine.Metrics.StampedeCoalesced.Add(1, _tags.Only);
            CacheGenTelemetry.Mark(CacheGenTelemetry.GetOperation, CacheGenTelemetry.CoalescedTag, true);
            var ticket = other.Join();
            _engine.AfterFlightJoined?.Invoke(logicalKey);
            try
            {
                // Bounded: if the leader's loader hangs past its lease, stop waiting for it and compete again.
                var value = await other.Task.WaitAsync(_engine.Options.LeaseTtl + _engine.Options.MaxLeaseWaitBackoff, _engine.Time, cancellationToken).ConfigureAwait(false);
                if (other.Serves(ticket, _engine.Local.VersionOf(logicalKey)))
                {
                    return (value, other.RedisOutcome);
                }

                // Settled before this caller arrived, or not by Redis at all: it may predate a write acknowledged
                // since. Load again (a new flight, so callers in the same position still share one load) — without
                // Redis if the leader just found it failing, so no caller waits for two timeouts in a row.
                ignoreStoredValue = false;
                skipRedis |= other.HasRedisFailed;
            }
            catch (TimeoutException)
            {
                flights.TryRemove(new KeyValuePair<string, object>(logicalKey, other));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The leader's own caller cancelled; this caller did not: try again.
            }
        }
    }

    /// <summary>The flight's leader: the lease script returns the value if it is there by now, else the lease or a wait.</summary>
    private async Task<(TValue Value, CacheLayerOutcome? Redis)> LeadAsync<TState>(TKey key, string logicalKey, string[]? tags, Flight<TValue> flight, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, bool ignoreStoredValue, CancellationToken cancellationToken, bool skipRedis = false)
    {
        if (skipRedis || !_engine.TryGetDatabase(out var database))
        {
            flight.LoadedWithoutRedis();
            return (await LoadFailOpenAsync(state, loader, cancellationToken).ConfigureAwait(false), null);
        }

        var value = await LoadWithLeaseAsync(database, key, logicalKey, _engine.KeysFor(logicalKey), tags, flight, state, loader, ignoreStoredValue, cancellationToken).ConfigureAwait(false);
        return (value, flight.RedisOutcome);
    }

    private async Task<TValue> LoadWithLeaseAsync<TState>(IDatabase database, TKey key, string logicalKey, RedisKeys keys, string[]? tags, Flight<TValue> flight, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, bool ignoreStoredValue, CancellationToken cancellationToken)
    {
        var version = flight.Version;
        var token = LeaseScripts.NewToken();
        var leaseTtlMs = (long)_engine.Options.LeaseTtl.TotalMilliseconds;
        long waitStarted = 0;
        Activity? waiting = null;
        TaskCompletionSource? filled = null;

        // The tags' tokens are read together with the first lease attempt rather than after it is granted: a load that
        // starts after both answered still began after the tokens were read, which is all the stamps need.
        Task<(TagState[] States, long[] Stamps)>? capture = null;
        try
        {
            while (true)
            {
                // Listen before asking: a holder's announcement can only follow the script's "held" answer, so a
                // listener registered first cannot miss it (one registered after the answer could, and would then
                // wait out a whole pause).
                filled ??= _engine.ListenForFill(keys);
                (LeaseOutcome Outcome, RedisValue Value) lease;
                try
                {
                    flight.CoverJoinersSoFar();
                    _engine.BeforeLeaseScript?.Invoke(keys.ValueText);
                    if (tags is not null && capture is null)
                    {
                        capture = CaptureTagsAsync(database, tags);
                        _ = capture.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    }

                    lease = await LeaseScripts.TakeAsync(database, keys, token, leaseTtlMs, ignoreStoredValue).ConfigureAwait(false);
                    _engine.ReportRedisSuccess();
                }
                catch (Exception ex) when (CacheEngine.IsRedisFailure(ex))
                {
                    ReleaseIfTimedOut(ex, database, keys, token);
                    _engine.ReportRedisFailure(ex, _tags.Keyspace);
                    flight.LoadedWithoutRedis();
                    flight.RedisFailed();
                    return await LoadFailOpenAsync(state, loader, cancellationToken).ConfigureAwait(false);
                }

                switch (lease.Outcome)
                {
                    case LeaseOutcome.Value:
                        TagState[]? tagStates = null;
                        if (TryDecode(logicalKey, lease.Value, out var value, out var freshUntil, out var stamps)
                            && _engine.Time.GetUtcNow().ToUnixTimeMilliseconds() < freshUntil + (Policy.StaleSeconds * 1000L)
                            && (tags is null || (tagStates = await ValidateTagsAsync(database, tags, stamps).ConfigureAwait(false)) is not null))
                        {
                            if (waitStarted == 0)
                            {
                                flight.FoundInRedis(); // there at the first ask: a hit, not a wait for someone's load
                            }

                            RecordWait(waitStarted, ref waiting);
                            FillLocal(key, logicalKey, value, freshUntil, version, tagStates);
                            return value;
                        }

                        ignoreStoredValue = true;
                        continue;

                    case LeaseOutcome.Granted:
                        RecordWait(waitStarted, ref waiting);
                        _engine.StopListeningForFill(keys, filled);
                        filled = null;
                        return await LoadAndWriteAsync(database, key, logicalKey, keys, tags, token, flight, state, loader, cancellationToken, capture).ConfigureAwait(false);
                }

                // Held by someone else (maybe in another instance): wait until the holder announces its write (or
                // its failure), or at most a pause that grows with the wait, so a lost announcement costs one poll
                // and a long load is not polled hard. If the holder dies, its lease expires and the next poll of
                // exactly one waiter is granted it.
                if (waitStarted == 0)
                {
                    waitStarted = _engine.Time.GetTimestamp();
                    _engine.Metrics.StampedeCoalesced.Add(1, _tags.Only);
                    CacheGenTelemetry.Mark(CacheGenTelemetry.GetOperation, CacheGenTelemetry.LeaseWaitedTag, true);
                    waiting = CacheGenTelemetry.Start(CacheGenTelemetry.LeaseWaitOperation, _tags.LeaseWaitSpanName, _tags.Keyspace);
                }
                else if (_engine.Time.GetElapsedTime(waitStarted) is var waited && waited >= _engine.Options.MaxLeaseWait)
                {
                    // The holder is slow, hung or gone: stop waiting and load, uncached. The load starts now, after every
                    // caller that joined this flight arrived, so it may be handed to all of them.
                    waiting?.SetTag("cachegen.lease.abandoned", true);
                    RecordWait(waitStarted, ref waiting);
                    _engine.Metrics.LeaseWaitsAbandoned.Add(1, _tags.Only);
                    Log.LeaseWaitAbandoned(_engine.Logger, logicalKey, waited);
                    flight.CoverJoinersSoFar();
                    return await LoadUncachedAsync(state, loader, cancellationToken).ConfigureAwait(false);
                }

                _engine.AfterLeaseHeld?.Invoke(keys.ValueText);
                await _engine.WaitForFillAsync(filled, NextPause(_engine.Time.GetElapsedTime(waitStarted)), cancellationToken).ConfigureAwait(false);
                if (filled.Task.IsCompleted)
                {
                    filled = null; // heard (and unregistered by the announcement): listen afresh before the next ask
                }
            }
        }
        finally
        {
            waiting?.Dispose();
            if (filled is not null)
            {
                _engine.StopListeningForFill(keys, filled);
            }
        }
    }

    private TimeSpan NextPause(TimeSpan waited)
    {
        var pause = waited / 16;
        var max = _engine.Options.MaxLeaseWaitBackoff;
        if (pause < TimeSpan.FromMilliseconds(1))
        {
            return TimeSpan.FromMilliseconds(1);
        }

        return pause > max ? max : pause;
    }

    private void RecordWait(long waitStarted, ref Activity? waiting)
    {
        if (waitStarted != 0)
        {
            _engine.Metrics.LeaseWaitDuration.Record(_engine.Time.GetElapsedTime(waitStarted).TotalSeconds, _tags.Only);
        }

        // The wait's span ends here, so what follows (a load) is a child of the call, not of the wait.
        waiting?.Dispose();
        waiting = null;
    }

    /// <summary>The lease holder: loads, then writes only while the lease is still its own. <paramref name="flight"/>
    /// holds the invalidation version read before the load began and learns whether Redis settled the value.</summary>
    private async Task<TValue> LoadAndWriteAsync<TState>(IDatabase database, TKey key, string logicalKey, RedisKeys keys, string[]? tags, string token, Flight<TValue> flight, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, CancellationToken cancellationToken, Task<(TagState[] States, long[] Stamps)>? capture = null)
    {
        var version = flight.Version;

        // The tags' tokens before the load reads anything: an entry stamped with them stops matching once a tag is
        // invalidated (its token deleted), so a load that read the old rows cannot be served after the invalidation.
        TagState[]? tagStates = null;
        long[]? stamps = null;
        if (tags is not null)
        {
            try
            {
                (tagStates, stamps) = await (capture ?? CaptureTagsAsync(database, tags)).ConfigureAwait(false);
                _engine.ReportRedisSuccess();
            }
            catch (Exception ex) when (CacheEngine.IsRedisFailure(ex))
            {
                await ReleaseQuietlyAsync(database, keys, token).ConfigureAwait(false);
                _engine.ReportRedisFailure(ex, _tags.Keyspace);
                flight.LoadedWithoutRedis();
                flight.RedisFailed();
                return await LoadFailOpenAsync(state, loader, cancellationToken).ConfigureAwait(false);
            }
        }

        TValue value;
        var started = _engine.Time.GetTimestamp();
        try
        {
            value = await CallLoader(state, loader, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Let a waiter take over now rather than after the lease expires; the exception is this caller's.
            await ReleaseQuietlyAsync(database, keys, token).ConfigureAwait(false);
            throw;
        }

        _engine.Metrics.LoadDuration.Record(_engine.Time.GetElapsedTime(started).TotalSeconds, _tags.Only);

        var freshMs = Policy.NextFreshMilliseconds(_engine.Random);
        var freshUntil = _engine.Time.GetUtcNow().ToUnixTimeMilliseconds() + freshMs;
        // Nothing is cached that does not come back as it went in: a value that cannot be serialized, or one of the
        // first values (and a sample after them) that does not survive being read back, stops caching this method.
        // (Misses only: a hit never pays for this.)
        if (EncodeForCache(value, freshUntil, stamps) is not { } bytes)
        {
            flight.NotSettledByRedis();
            await ReleaseQuietlyAsync(database, keys, token).ConfigureAwait(false);
            return value;
        }

        try
        {
            flight.CoverJoinersSoFar();
            var (written, announceIt) = await LeaseScripts.WriteIfHeldAsync(database, keys, token, bytes, freshMs + (Policy.StaleSeconds * 1000L), _engine.FillChannel).ConfigureAwait(false);
            _engine.ReportRedisSuccess();
            if (announceIt)
            {
                _engine.AnnounceFill(keys);
            }

            if (written)
            {
                // A tag invalidated during the load retired its state: neither this entry nor the flight's value
                // is served after it (LocalEntry.TagsCurrent, Flight.Serves).
                FillLocal(key, logicalKey, value, freshUntil, version, tagStates);
            }
            else
            {
                flight.NotSettledByRedis();
                Log.WriteRejected(_engine.Logger, logicalKey);
            }
        }
        catch (Exception ex) when (CacheEngine.IsRedisFailure(ex))
        {
            flight.NotSettledByRedis();
            flight.RedisFailed();
            ReleaseIfTimedOut(ex, database, keys, token);
            _engine.ReportRedisFailure(ex, _tags.Keyspace);
        }

        return value;
    }

    /// <summary>
    /// A lease script that timed out on this side may still run when Redis answers again (a paused server, a slow
    /// network): it would grant a lease to a caller that has given up, and every caller of the key would wait for it.
    /// The release follows it on the same connection, so Redis runs it right after, and it deletes the lease only if
    /// this token holds it.
    /// </summary>
    private void ReleaseIfTimedOut(Exception exception, IDatabase database, RedisKeys keys, string token)
    {
        if (exception is TimeoutException)
        {
            _ = ReleaseQuietlyAsync(database, keys, token);
        }
    }

    private async Task ReleaseQuietlyAsync(IDatabase database, RedisKeys keys, string token)
    {
        try
        {
            if (await LeaseScripts.ReleaseAsync(database, keys, token, _engine.FillChannel).ConfigureAwait(false))
            {
                _engine.AnnounceFill(keys); // a waiter can take the lease now, not at its next poll
            }
        }
        catch (Exception ex) when (CacheEngine.IsRedisFailure(ex))
        {
            // The lease expires by itself.
        }
    }

    private void RefreshInBackground<TState>(TKey key, string logicalKey, string[]? tags, TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader)
    {
        if (!_engine.TryBeginRefresh(logicalKey))
        {
            return; // One refresh per key in this process; the lease makes it one in the fleet.
        }

        _ = Task.Run(async () =>
        {
            var activity = CacheGenTelemetry.Start(CacheGenTelemetry.RefreshOperation, _tags.RefreshSpanName, _tags.Keyspace);
            activity?.SetTag(CacheGenTelemetry.KeyTag, logicalKey);
            try
            {
                if (!_engine.TryGetDatabase(out var database))
                {
                    return;
                }

                var flight = new Flight<TValue>(_engine.Local.VersionOf(logicalKey), StatesOf(tags)); // joined by nobody: it carries the version
                var keys = _engine.KeysFor(logicalKey);
                var token = LeaseScripts.NewToken();
                var lease = await LeaseScripts.TakeAsync(database, keys, token, (long)_engine.Options.LeaseTtl.TotalMilliseconds, ignoreExistingValue: true).ConfigureAwait(false);
                if (lease.Outcome == LeaseOutcome.Granted)
                {
                    await LoadAndWriteAsync(database, key, logicalKey, keys, tags, token, flight, state, loader, _engine.ShutdownToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                if (CacheEngine.IsRedisFailure(ex))
                {
                    _engine.ReportRedisFailure(ex, _tags.Keyspace);
                }

                Log.RefreshFailed(_engine.Logger, logicalKey, ex);
                CacheGenTelemetry.Fail(activity, ex);
            }
            finally
            {
                activity?.Dispose(); // ended before the refresh is reported complete
                _engine.EndRefresh(logicalKey);
                _engine.OnRefreshCompleted(logicalKey);
            }
        });
    }

    /// <summary>
    /// The bytes to store for <paramref name="value"/>, or <see langword="null"/> when it cannot be serialized or does
    /// not come back as it went in; then this method stops caching in this process (logged and counted once).
    /// </summary>
    private byte[]? EncodeForCache(TValue value, long freshUntil, long[]? stamps)
    {
        byte[] bytes;
        try
        {
            bytes = _engine.Codec.Encode(value, freshUntil, stamps);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (StopCaching())
            {
                _engine.Metrics.SerializationErrors.Add(1, _tags.Write);
                Log.UncacheableValue(_engine.Logger, TypeName(value), Policy.Template.Template, ex);
            }

            return null;
        }

        var count = Interlocked.Increment(ref _writes);
        if ((count <= CheckedFirstWrites || count % CheckEveryNthWrite == 0)
            && RoundTripCheck.FindLoss(_engine.Codec, value, bytes, freshUntil) is { } loss)
        {
            if (StopCaching())
            {
                _engine.Metrics.SerializationErrors.Add(1, _tags.Lossy);
                Log.LossyValue(_engine.Logger, TypeName(value), Policy.Template.Template, loss);
            }

            return null;
        }

        return bytes;
    }

    /// <summary>How many of a method's first written values are read back before they are written.</summary>
    internal const int CheckedFirstWrites = 8;

    /// <summary>After the first ones, every this many-th written value is read back before it is written.</summary>
    internal const int CheckEveryNthWrite = 1024;

    /// <summary>Stops caching this method in this process; true for the caller that stopped it (it logs and counts).</summary>
    private bool StopCaching()
    {
        if (Interlocked.Exchange(ref _uncacheable, 1) != 0)
        {
            return false;
        }

        _local?.Clear();
        return true;
    }

    private static string TypeName(TValue value) => value?.GetType().FullName ?? typeof(TValue).FullName ?? typeof(TValue).Name;

    private async Task<TValue> LoadUncachedAsync<TState>(TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, CancellationToken cancellationToken)
    {
        var started = _engine.Time.GetTimestamp();
        var value = await CallLoader(state, loader, cancellationToken).ConfigureAwait(false);
        _engine.Metrics.LoadDuration.Record(_engine.Time.GetElapsedTime(started).TotalSeconds, _tags.Only);
        return value;
    }

    /// <summary>Runs the loader; in a <c>cachegen.load</c> span (and marking the call as loaded) when something listens.</summary>
    private ValueTask<TValue> CallLoader<TState>(TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, CancellationToken cancellationToken) =>
        CacheGenTelemetry.Source.HasListeners() ? TracedLoadAsync(state, loader, cancellationToken) : loader(state, cancellationToken);

    private async ValueTask<TValue> TracedLoadAsync<TState>(TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, CancellationToken cancellationToken)
    {
        CacheGenTelemetry.Mark(CacheGenTelemetry.GetOperation, CacheGenTelemetry.LoadedTag, true);
        using var activity = CacheGenTelemetry.Start(CacheGenTelemetry.LoadOperation, _tags.LoadSpanName, _tags.Keyspace);
        try
        {
            return await loader(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            CacheGenTelemetry.Fail(activity, ex);
            throw;
        }
    }

    private Task<TValue> LoadFailOpenAsync<TState>(TState state, Func<TState, CancellationToken, ValueTask<TValue>> loader, CancellationToken cancellationToken)
    {
        _engine.Metrics.FailOpen.Add(1, _tags.Only);
        CacheGenTelemetry.Mark(CacheGenTelemetry.GetOperation, CacheGenTelemetry.FailOpenTag, true);
        _engine.CountUncachedLoad();
        return LoadUncachedAsync(state, loader, cancellationToken);
    }

    private bool TryDecode(string logicalKey, RedisValue stored, out TValue value, out long freshUntil, out long[]? stamps)
    {
        try
        {
            ReadOnlyMemory<byte> bytes = stored;
            value = _engine.Codec.Decode<TValue>(bytes.Span, out freshUntil, out stamps);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _engine.Metrics.SerializationErrors.Add(1, _tags.Read);
            Log.UnreadableValue(_engine.Logger, logicalKey, ex);
            value = default!;
            freshUntil = 0;
            stamps = null;
            return false;
        }
    }

    private void FillLocal(TKey key, string logicalKey, TValue value, long freshUntilUnixMs, int version, TagState[]? tagStates = null)
    {
        if (_local is null || !IsCaching)
        {
            return;
        }

        var remainingMs = freshUntilUnixMs - _engine.Time.GetUtcNow().ToUnixTimeMilliseconds();
        if (remainingMs <= 0)
        {
            return;
        }

        var remainingTicks = remainingMs * _engine.Time.TimestampFrequency / 1000;
        _engine.BeforeLocalFill?.Invoke(logicalKey);

        // Refused if the key was invalidated since the load began (it may have read the old row); the check and the
        // store are atomic with respect to invalidation (LocalIndex).
        _local.TryFill(key, logicalKey, value, _engine.Time.GetTimestamp() + Math.Min(_localTtlTicks, remainingTicks), version, tagStates);
    }

    /// <summary>The states of <paramref name="tags"/> now, for fencing a flight (null without tags).</summary>
    private TagState[]? StatesOf(string[]? tags)
    {
        if (tags is null)
        {
            return null;
        }

        var states = new TagState[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            states[i] = _engine.Tags.Get(tags[i]);
        }

        return states;
    }

    /// <summary>
    /// Whether a stored value's tag tokens are the tags' current ones: by what this instance knows (kept current by
    /// invalidations, its own and broadcast) or, for a tag it does not know, has seen change, or while it may have missed
    /// broadcasts, by reading the tag from Redis. Returns the states that validated it (for an L1 fill), or null when
    /// the value is not valid (or the tags could not be read).
    /// </summary>
    private async ValueTask<TagState[]?> ValidateTagsAsync(IDatabase database, string[] tags, long[]? stamps)
    {
        if (stamps is null || stamps.Length != tags.Length)
        {
            return null; // written without these tags (another version of the method): load over it
        }

        var trusted = _engine.LocalTrusted;
        var states = new TagState[tags.Length];
        List<int>? unknown = null;
        for (var i = 0; i < tags.Length; i++)
        {
            // The state before the read: an invalidation after this retires it, so what the read answers can only be
            // learned into a state nothing trusts any more.
            states[i] = _engine.Tags.Get(tags[i]);
            if (!trusted || !states[i].Validates(stamps[i]))
            {
                (unknown ??= []).Add(i);
            }
        }

        if (unknown is null)
        {
            return states;
        }

        var reads = new Task<RedisValue>[unknown.Count];
        for (var j = 0; j < reads.Length; j++)
        {
            reads[j] = database.StringGetAsync(RedisKeys.TagKey(_engine.Options.KeyPrefix, tags[unknown[j]]));
        }

        try
        {
            await Task.WhenAll(reads).ConfigureAwait(false);
            _engine.ReportRedisSuccess();
        }
        catch (Exception ex) when (CacheEngine.IsRedisFailure(ex))
        {
            _engine.ReportRedisFailure(ex, _tags.Keyspace);
            return null; // a tag key of another type, or Redis failing: not served; the load path decides
        }

        var valid = true;
        for (var j = 0; j < reads.Length; j++)
        {
            var i = unknown[j];
            var token = LeaseScripts.ParseTagToken(reads[j].Result);
            if (trusted)
            {
                _engine.Tags.Learn(states[i], token);
            }

            valid &= token != 0 && token == stamps[i];
        }

        return valid ? states : null;
    }

    /// <summary>
    /// The tags' tokens for an entry about to be loaded, made in Redis where a tag has none, and the states they were
    /// learned into (taken before the scripts were sent, as for <see cref="ValidateTagsAsync"/>).
    /// </summary>
    private async Task<(TagState[] States, long[] Stamps)> CaptureTagsAsync(IDatabase database, string[] tags)
    {
        var states = StatesOf(tags)!;
        var lifetime = TagLifetimeMilliseconds;
        var scripts = new Task<long>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            scripts[i] = LeaseScripts.EnsureTagTokenAsync(database, RedisKeys.TagKey(_engine.Options.KeyPrefix, tags[i]), lifetime);
        }

        await Task.WhenAll(scripts).ConfigureAwait(false);
        var stamps = new long[tags.Length];
        var trusted = _engine.LocalTrusted;
        for (var i = 0; i < tags.Length; i++)
        {
            stamps[i] = scripts[i].Result;
            if (trusted)
            {
                _engine.Tags.Learn(states[i], stamps[i]);
            }
        }

        return (states, stamps);
    }
}
