using System;
using System.Diagnostics;
using System.Text;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;
using StackExchange.Redis;

namespace CacheGen;

public sealed partial class CacheEngine
{
    /// <inheritdoc/>
    public Task InvalidateAsync(string key, CancellationToken cancellationToken = default)
    {
        var logicalKey = RedisKeys.NormalizeLogicalKey(key);
        return InvalidateLogicalAsync(logicalKey, cancellationToken);
    }

    /// <inheritdoc/>
    public Task InvalidateTagAsync(string tag, CancellationToken cancellationToken = default) =>
        InvalidateLogicalAsync(TagEntry(RedisKeys.NormalizeLogicalKey(tag)), cancellationToken);

    /// <summary>
    /// The synchronous form of <see cref="InvalidateTagAsync"/>, for synchronous write methods (see <see cref="Invalidate"/>).
    /// </summary>
    /// <param name="tag">The rendered tag, for example <c>"revenue"</c>.</param>
    public void InvalidateTag(string tag) => InvalidateEntry(TagEntry(RedisKeys.NormalizeLogicalKey(tag)));

    /// <summary>
    /// Raised once for each invalidation this instance issued, after Redis applied it and every other instance confirmed
    /// it (or the acknowledgement timed out) — queued ones when they are replayed — and once, on one instance, for each
    /// invalidation another producer (not a CacheGen instance) published. Handlers run on the invalidating thread: hand
    /// the work off (a CDN purge queue does). Exceptions are logged, never thrown into the write.
    /// </summary>
    public event EventHandler<CacheInvalidatedEventArgs>? Invalidated;

    private void RaiseInvalidated(string entry)
    {
        if (Invalidated is not { } handlers)
        {
            return;
        }

        var args = IsTagEntry(entry) ? new CacheInvalidatedEventArgs(TagOf(entry), isTag: true) : new CacheInvalidatedEventArgs(entry, isTag: false);
        try
        {
            handlers(this, args);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.InvalidatedHandlerFailed(_logger, args.Name, ex);
        }
    }

    /// <summary>
    /// Marks an invalidation of a tag among invalidations of keys (in the queue, the recent list and the test hooks):
    /// a normalized key never contains a brace, so no key starts with it.
    /// </summary>
    internal const string TagMarker = "{tag}";

    internal static string TagEntry(string tag) => TagMarker + tag;

    internal static bool IsTagEntry(string entry) => entry.StartsWith(TagMarker, StringComparison.Ordinal);

    /// <summary>The tag of an entry <see cref="IsTagEntry"/> says is one.</summary>
    private static string TagOf(string entry) => entry.Substring(TagMarker.Length);

    /// <summary>Drops this instance's copies of what <paramref name="entry"/> names: a key's L1 entry, or a tag's state (and with it every L1 entry that carries the tag).</summary>
    private void EvictLocal(string entry)
    {
        if (IsTagEntry(entry))
        {
            Tags.Invalidate(TagOf(entry));
        }
        else
        {
            Local.Invalidate(entry);
        }
    }

    /// <summary>What an invalidation deletes in Redis: a value and its lease (one slot), or a tag's token.</summary>
    private RedisKey[] RedisKeysOf(string entry) =>
        IsTagEntry(entry) ? [RedisKeys.TagKey(_options.KeyPrefix, TagOf(entry))] : KeysFor(entry).Both;

    private InvalidationMessage MessageOf(string entry, long? id = null) =>
        IsTagEntry(entry)
            ? new InvalidationMessage(TagOf(entry), _options.InstanceId, id, IsTag: true)
            : new InvalidationMessage(entry, _options.InstanceId, id);

    /// <summary>The metric keyspace of an invalidation: the key's, or the tag's literal head.</summary>
    private KeyspaceTags TagsOfEntry(string entry) =>
        TagsFor(CacheKeyTemplate.KeyspaceOf(IsTagEntry(entry) ? TagOf(entry) : entry));

    /// <summary>
    /// The synchronous form of <see cref="InvalidateAsync"/>, for synchronous write methods: it uses Redis' synchronous
    /// API (no sync-over-async) and returns once Redis has deleted the key, or the invalidation is queued.
    /// </summary>
    /// <param name="key">The rendered key, for example <c>"revenue:2024:5"</c>.</param>
    public void Invalidate(string key) => InvalidateEntry(RedisKeys.NormalizeLogicalKey(key));

    private void InvalidateEntry(string logicalKey)
    {
        using var activity = StartInvalidation(logicalKey);
        EvictLocal(logicalKey);
        if (!TryGetDatabaseForInvalidation(out var database))
        {
            activity?.SetTag(CacheGenTelemetry.QueuedTag, true);
            Queue(logicalKey);
            return;
        }

        try
        {
            BeforeInvalidationDelete?.Invoke(logicalKey);
            database.KeyDelete(RedisKeysOf(logicalKey));
            _recent.Record(logicalKey);
            EvictLocal(logicalKey); // again: see ApplyAsync
            var timeout = _options.InvalidationAckTimeout;
            database.Publish(_channel, MessageOf(logicalKey).ToUtf8(), timeout > TimeSpan.Zero ? CommandFlags.FireAndForget : CommandFlags.None);
            Metrics.Invalidations.Add(1, TagsOfEntry(logicalKey).Published);
            if (timeout > TimeSpan.Zero)
            {
                using var pending = _acks.Begin();
                var receivers = database.Publish(ConfirmChannel, MessageOf(logicalKey, pending.Id).ToUtf8());
                activity?.SetTag(CacheGenTelemetry.ReceiversTag, receivers);

                // A blocking wait for a synchronous caller: the confirmations are counted on the subscription's thread,
                // so nothing this thread would have to run is waited for.
                if (!pending.Expect(receivers).Wait(timeout))
                {
                    ReportUnconfirmed(pending, receivers, timeout, logicalKey);
                }
            }
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            activity?.SetTag(CacheGenTelemetry.QueuedTag, true);
            ReportRedisFailure(ex);
            Queue(logicalKey);
            return;
        }

        RaiseInvalidated(logicalKey);

        if (_options.SecondDeleteDelay is { } delay && !IsTagEntry(logicalKey))
        {
            _ = DeleteAgainAsync(logicalKey, delay);
        }
    }

    /// <summary>
    /// Redis for an invalidation, or false when it must be queued: not connected, the breaker not closed, or others
    /// already queued (they failed a moment ago, and this one would only wait for the same timeout).
    /// </summary>
    private bool TryGetDatabaseForInvalidation([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IDatabase? database)
    {
        database = _database;
        if (database is null || _breaker.IsBroken || !_connection!.IsConnected || !_pendingInvalidations.IsEmpty)
        {
            database = null;
            return false;
        }

        return true;
    }

    /// <summary>Invalidates a key rendered by generated code (already escaped), or a tag (<see cref="TagEntry"/>).</summary>
    internal async Task InvalidateLogicalAsync(string logicalKey, CancellationToken cancellationToken)
    {
        using var activity = StartInvalidation(logicalKey);
        var applied = await EvictAndApplyOrQueueAsync(logicalKey, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(CacheGenTelemetry.QueuedTag, !applied);
        if (applied && _options.SecondDeleteDelay is { } delay && !IsTagEntry(logicalKey))
        {
            _ = DeleteAgainAsync(logicalKey, delay);
        }
    }

    /// <summary>The span of one invalidation issued by this instance (null when nobody listens).</summary>
    private Activity? StartInvalidation(string entry)
    {
        if (!CacheGenTelemetry.Source.HasListeners())
        {
            return null;
        }

        var tags = TagsOfEntry(entry);
        var activity = CacheGenTelemetry.Start(CacheGenTelemetry.InvalidateOperation, tags.InvalidateSpanName, tags.Keyspace);
        if (IsTagEntry(entry))
        {
            activity?.SetTag(CacheGenTelemetry.TagTag, TagOf(entry));
        }
        else
        {
            activity?.SetTag(CacheGenTelemetry.KeyTag, entry);
        }

        return activity;
    }

    /// <summary>
    /// Evicts the L1 copy, then deletes in Redis and publishes; queues the key when Redis cannot be reached.
    /// Returns whether Redis was reached.
    /// </summary>
    private async Task<bool> EvictAndApplyOrQueueAsync(string logicalKey, CancellationToken cancellationToken)
    {
        EvictLocal(logicalKey);
        if (!TryGetDatabaseForInvalidation(out var database))
        {
            Queue(logicalKey);
            return false;
        }

        try
        {
            await ApplyAsync(database, logicalKey).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            ReportRedisFailure(ex);
            Queue(logicalKey);
            return false;
        }
    }

    /// <summary>
    /// Deletes value and lease in one command (one slot), evicts the local copy again, then tells every instance and,
    /// unless confirmations are off, waits until each has confirmed its eviction (or the ack timeout).
    /// </summary>
    private async Task ApplyAsync(IDatabase database, string logicalKey)
    {
        BeforeInvalidationDelete?.Invoke(logicalKey);
        await database.KeyDeleteAsync(RedisKeysOf(logicalKey)).ConfigureAwait(false);
        _recent.Record(logicalKey);

        // Evict again now that Redis no longer has the value: a reader of this instance whose GET reached Redis before
        // the delete (after the first eviction) may have put the old value into L1, and this instance ignores its own
        // broadcast. A reader that read before the delete read the version before this bump, so it cannot fill after it.
        // For a tag: a reader here that read the tag's old token before the delete learned it into the state retired now.
        EvictLocal(logicalKey);

        var timeout = _options.InvalidationAckTimeout;
        var message = MessageOf(logicalKey).ToUtf8();
        if (timeout <= TimeSpan.Zero)
        {
            await database.PublishAsync(_channel, message).ConfigureAwait(false);
            Metrics.Invalidations.Add(1, TagsOfEntry(logicalKey).Published);
            RaiseInvalidated(logicalKey);
            return;
        }

        // The public channel for anyone else who listens; the confirm channel, which only CacheGen instances subscribe
        // to, for the count of receivers to wait for (a debugging redis-cli on the public channel is not waited for).
        using var pending = _acks.Begin();
        _ = database.PublishAsync(_channel, message, CommandFlags.FireAndForget);
        var receivers = await database.PublishAsync(ConfirmChannel, MessageOf(logicalKey, pending.Id).ToUtf8()).ConfigureAwait(false);
        CacheGenTelemetry.Mark(CacheGenTelemetry.InvalidateOperation, CacheGenTelemetry.ReceiversTag, receivers);
        Metrics.Invalidations.Add(1, TagsOfEntry(logicalKey).Published);
        await WaitForAcksAsync(pending, receivers, timeout, logicalKey).ConfigureAwait(false);
        RaiseInvalidated(logicalKey);
    }

    private async Task WaitForAcksAsync(InvalidationAcks.Pending pending, long receivers, TimeSpan timeout, string logicalKey)
    {
        try
        {
            // Connection-level wait: real time, whatever clock the cache logic runs on.
            await pending.Expect(receivers).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ReportUnconfirmed(pending, receivers, timeout, logicalKey);
        }
    }

    private void ReportUnconfirmed(InvalidationAcks.Pending pending, long receivers, TimeSpan timeout, string logicalKey)
    {
        var missing = receivers - pending.ConfirmedCount;
        if (missing > 0)
        {
            Metrics.InvalidationsUnacknowledged.Add(missing, TagsOfEntry(logicalKey).Only);
            CacheGenTelemetry.Mark(CacheGenTelemetry.InvalidateOperation, CacheGenTelemetry.UnacknowledgedTag, missing);
            Log.InvalidationUnacknowledged(_logger, logicalKey, missing, timeout);
        }
    }

    /// <summary>Appended to <see cref="CacheGenOptions.InvalidationChannel"/>: invalidations that ask every CacheGen instance to confirm.</summary>
    internal const string ConfirmChannelSuffix = ":confirm";

    /// <summary>Where an instance hears the confirmations of its own invalidations.</summary>
    private RedisChannel AckChannelOf(string instanceId) => RedisChannel.Literal(_options.InvalidationChannel + ":confirmed:" + instanceId);

    private void OnAckMessage(RedisChannel channel, RedisValue value)
    {
        if (value.TryParse(out long id))
        {
            _acks.Confirm(id);
        }
    }

    private async Task DeleteAgainAsync(string logicalKey, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, Time, ShutdownToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await EvictAndApplyOrQueueAsync(logicalKey, CancellationToken.None).ConfigureAwait(false);
    }

    private void Queue(string logicalKey)
    {
        var tags = TagsOfEntry(logicalKey);
        Log.InvalidationQueued(_logger, logicalKey);
        Metrics.InvalidationsQueued.Add(1, [tags.Only[0], new("outcome", "queued")]);
        var dropped = _pendingInvalidations.Enqueue(logicalKey);
        if (dropped is not null)
        {
            Log.InvalidationDropped(_logger, _options.InvalidationQueueCapacity, dropped);
            Metrics.InvalidationsQueued.Add(1, [TagsOfEntry(dropped).Only[0], new("outcome", "dropped")]);
        }

        StartDraining();
    }

    private void StartDraining()
    {
        if (_pendingInvalidations.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
        {
            return;
        }

        _ = DrainAsync();
    }

    /// <summary>
    /// Applies queued invalidations as soon as Redis answers again, in batches of up to 256 keys sent together (a
    /// backlog of thousands replays in a few round trips, not one per key). Each attempt is itself the probe: it goes to
    /// Redis whatever the circuit breaker says, so one is always waiting in Redis' input while Redis is paused and runs
    /// the moment it resumes; after a broken connection, the next attempt follows the reconnection within 25 ms. An
    /// applied invalidation lets the breaker's probe through at once.
    /// </summary>
    private async Task DrainAsync()
    {
        var applied = 0;
        var pause = TimeSpan.FromMilliseconds(25);
        try
        {
            while (!ShutdownToken.IsCancellationRequested && !_pendingInvalidations.IsEmpty)
            {
                var database = _database;
                if (database is null || !_connection!.IsConnected)
                {
                    // Connection upkeep waits in real time, whatever clock the cache logic runs on.
                    await Task.Delay(TimeSpan.FromMilliseconds(25), ShutdownToken).ConfigureAwait(false);
                    continue;
                }

                var batch = _pendingInvalidations.PeekBatch(256);
                var attempts = new Task[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    attempts[i] = ReplayAsync(database, batch[i]);
                }

                try
                {
                    await Task.WhenAll(attempts).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsRedisFailure(ex))
                {
                    // Counted below, attempt by attempt.
                }

                var failed = false;
                Exception? refusal = null;
                for (var i = 0; i < batch.Count; i++)
                {
                    if (attempts[i].IsCompletedSuccessfully)
                    {
                        _pendingInvalidations.Remove(batch[i]);
                        Metrics.InvalidationsQueued.Add(1, [TagsOfEntry(batch[i]).Only[0], new("outcome", "applied")]);
                        applied++;
                    }
                    else if (attempts[i].Exception?.InnerException is { } ex)
                    {
                        failed = true;
                        if (ex is not TimeoutException)
                        {
                            refusal = ex;
                        }
                    }
                }

                if (!failed)
                {
                    pause = TimeSpan.FromMilliseconds(25);
                    _breaker.Probed();
                    continue;
                }

                ReportRedisFailure(refusal ?? new TimeoutException("Replaying queued invalidations timed out."));
                if (refusal is not null)
                {
                    // A refusal (or a connection that broke under the command): try again soon, not in a tight loop.
                    // After a timeout the next attempt goes at once: it is the one waiting in Redis' input.
                    await Task.Delay(pause, ShutdownToken).ConfigureAwait(false);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            Volatile.Write(ref _draining, 0);
            if (applied > 0)
            {
                Log.InvalidationsReplayed(_logger, applied);
            }
        }

        if (_pendingInvalidations.IsEmpty)
        {
            InvalidationsDrained?.Invoke();
        }

        // A key queued after the loop saw an empty queue but before the flag was cleared.
        StartDraining();
    }

    /// <summary>
    /// One queued invalidation: the delete and the broadcast go together (one connection keeps them in order), with no
    /// wait for confirmations — every instance cleared its L1 when it reconnected, or stopped serving it when it stopped
    /// hearing from Redis — and this instance, which reads nothing from Redis until its queue is empty, evicts again.
    /// </summary>
    private async Task ReplayAsync(IDatabase database, string logicalKey)
    {
        var delete = database.KeyDeleteAsync(RedisKeysOf(logicalKey));
        var publish = database.PublishAsync(_channel, MessageOf(logicalKey).ToUtf8());
        await delete.ConfigureAwait(false);
        _recent.Record(logicalKey);
        await publish.ConfigureAwait(false);
        EvictLocal(logicalKey);
        Metrics.Invalidations.Add(1, TagsOfEntry(logicalKey).Published);
        RaiseInvalidated(logicalKey);
    }

    /// <summary>
    /// An invalidation published by another producer reaches every instance: one of them raises
    /// <see cref="Invalidated"/> for it, the one whose claim (<c>SET NX</c>, one second) Redis grants.
    /// </summary>
    private async Task ClaimForeignInvalidationAsync(string entry)
    {
        if (_database is not { } database)
        {
            return;
        }

        try
        {
            var claim = (RedisKey)(_options.KeyPrefix + "claim:{" + RedisKeys.NormalizeLogicalKey(entry) + "}");
            var won = await database.StringSetAsync(claim, _options.InstanceId, TimeSpan.FromSeconds(1), When.NotExists).ConfigureAwait(false);
            if (won)
            {
                RaiseInvalidated(entry);
            }

            ForeignClaimDecided?.Invoke(entry, won);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            ReportRedisFailure(ex);
        }
    }

    /// <summary>Test hook: raised after this instance's claim on another producer's invalidation was decided (with the entry and whether it won).</summary>
    internal event Action<string, bool>? ForeignClaimDecided;

    /// <summary>The channel of invalidations that ask to be confirmed.</summary>
    private RedisChannel ConfirmChannel => _confirmSharded ? RedisChannel.Sharded(_confirmChannelName) : RedisChannel.Literal(_confirmChannelName);

    private async Task SubscribeConfirmChannelAsync(ISubscriber subscriber)
    {
        var cluster = _connection!.GetServers().Any(s => s.IsConnected && s.ServerType == ServerType.Cluster);
        if (cluster)
        {
            try
            {
                await subscriber.SubscribeAsync(RedisChannel.Sharded(_confirmChannelName), OnConfirmMessage).ConfigureAwait(false);
                _confirmSharded = true;
                return;
            }
            catch (RedisServerException ex)
            {
                // A cluster before Redis 7 has no sharded pub/sub: confirmations then count the subscribers of one node.
                Log.ShardedPubSubUnavailable(_logger, ex);
            }
        }

        _confirmSharded = false;
        await subscriber.SubscribeAsync(RedisChannel.Literal(_confirmChannelName), OnConfirmMessage).ConfigureAwait(false);
    }

    private void OnConfirmMessage(RedisChannel channel, RedisValue value) => OnInvalidationMessage(value, confirm: true);

    private void OnInvalidationMessage(RedisChannel channel, RedisValue value) => OnInvalidationMessage(value, confirm: false);

    private void OnInvalidationMessage(RedisValue value, bool confirm)
    {
        try
        {
            ApplyInvalidationMessage(value, confirm);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or DecoderFallbackException)
        {
            // Text that is not UTF-8, a lone surrogate in a key, …: never thrown into the subscription.
            ReportMalformed("it could not be read: " + ex.Message);
        }
    }

    /// <summary>Counts every unusable message; logs at most one a minute, so a flood of them does not flood the log.</summary>
    private void ReportMalformed(string reason)
    {
        Metrics.MalformedInvalidations.Add(1, TagsFor("(unknown)").Only);
        if (_malformedLog.ShouldLog())
        {
            Log.MalformedInvalidation(_logger, reason);
        }
    }

    private void ApplyInvalidationMessage(RedisValue value, bool confirm)
    {
        ReadOnlyMemory<byte> bytes = value;
        if (!InvalidationMessage.TryParse(bytes.Span, out var message, out var reason))
        {
            ReportMalformed(reason);
            return;
        }

        if (message.Source == _options.InstanceId)
        {
            // Our own: evicted when it was issued. It counts as one of the receivers PUBLISH reported.
            if (message.Id is { } own)
            {
                _acks.Confirm(own);
            }

            return;
        }

        // A CacheGen sender publishes each invalidation twice: on the public channel (counted here) and on the confirm
        // channel, with an id to confirm once the copy is evicted. Evicting twice costs nothing.
        var entry = message.IsTag ? TagEntry(message.Key) : message.Key;
        BeforeInvalidationApplied?.Invoke(entry);
        if (message.IsTag)
        {
            Tags.Invalidate(message.Key);
        }
        else
        {
            Local.Invalidate(message.Key);
        }

        if (!confirm)
        {
            Metrics.Invalidations.Add(1, TagsFor(CacheKeyTemplate.KeyspaceOf(message.Key)).Received);
        }

        if (message.Id is { } id && message.Source is { Length: > 0 } source && _database is { } database)
        {
            try
            {
                database.Publish(AckChannelOf(source), id, CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                // The sender stops waiting at its timeout.
            }
        }

        InvalidationReceived?.Invoke(entry);
        if (message.Source is null && !confirm && Invalidated is not null)
        {
            _ = ClaimForeignInvalidationAsync(entry);
        }
    }
}
