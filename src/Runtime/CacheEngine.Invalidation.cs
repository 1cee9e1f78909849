using System;
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

    /// <summary>
    /// The synchronous form of <see cref="InvalidateAsync"/>, for synchronous write methods: it uses Redis' synchronous
    /// API (no sync-over-async) and returns once Redis has deleted the key, or the invalidation is queued.
    /// </summary>
    /// <param name="key">The rendered key, for example <c>"revenue:2024:5"</c>.</param>
    public void Invalidate(string key)
    {
        var logicalKey = RedisKeys.NormalizeLogicalKey(key);
        Local.Invalidate(logicalKey);
        var database = _database;
        if (database is null || _breaker.IsOpen || !_connection!.IsConnected)
        {
            Queue(logicalKey);
            return;
        }

        try
        {
            var keys = KeysFor(logicalKey);
            BeforeInvalidationDelete?.Invoke(logicalKey);
            database.KeyDelete(keys.Both);
            AfterInvalidationDelete?.Invoke(logicalKey);
            Local.Invalidate(logicalKey); // again: see ApplyAsync
            database.Publish(_channel, new InvalidationMessage(logicalKey, _options.InstanceId).ToUtf8());
            Metrics.Invalidations.Add(1, TagsFor(CacheKeyTemplate.KeyspaceOf(logicalKey)).Published);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            ReportRedisFailure(ex);
            Queue(logicalKey);
            return;
        }

        if (_options.SecondDeleteDelay is { } delay)
        {
            _ = DeleteAgainAsync(logicalKey, delay);
        }
    }

    /// <summary>Invalidates a key rendered by generated code (already escaped).</summary>
    internal async Task InvalidateLogicalAsync(string logicalKey, CancellationToken cancellationToken)
    {
        if (await EvictAndApplyOrQueueAsync(logicalKey, cancellationToken).ConfigureAwait(false)
            && _options.SecondDeleteDelay is { } delay)
        {
            _ = DeleteAgainAsync(logicalKey, delay);
        }
    }

    /// <summary>
    /// Evicts the L1 copy, then deletes in Redis and publishes; queues the key when Redis cannot be reached.
    /// Returns whether Redis was reached.
    /// </summary>
    private async Task<bool> EvictAndApplyOrQueueAsync(string logicalKey, CancellationToken cancellationToken)
    {
        Local.Invalidate(logicalKey);
        var database = _database;
        if (database is null || _breaker.IsOpen || !_connection!.IsConnected)
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

    /// <summary>Deletes value and lease in one command (one slot), evicts the local copy again, then tells every instance.</summary>
    private async Task ApplyAsync(IDatabase database, string logicalKey)
    {
        var keys = KeysFor(logicalKey);
        BeforeInvalidationDelete?.Invoke(logicalKey);
        await database.KeyDeleteAsync(keys.Both).ConfigureAwait(false);

        // Evict again now that Redis no longer has the value: a reader of this instance whose GET reached Redis before
        // the delete (after the first eviction) may have put the old value into L1, and this instance ignores its own
        // broadcast. A reader that read before the delete read the version before this bump, so it cannot fill after it.
        AfterInvalidationDelete?.Invoke(logicalKey);
        Local.Invalidate(logicalKey);
        var message = new InvalidationMessage(logicalKey, _options.InstanceId).ToUtf8();
        await database.PublishAsync(_channel, message).ConfigureAwait(false);
        Metrics.Invalidations.Add(1, TagsFor(CacheKeyTemplate.KeyspaceOf(logicalKey)).Published);
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
        var tags = TagsFor(CacheKeyTemplate.KeyspaceOf(logicalKey));
        Log.InvalidationQueued(_logger, logicalKey);
        Metrics.InvalidationsQueued.Add(1, [tags.Only[0], new("outcome", "queued")]);
        var dropped = _pendingInvalidations.Enqueue(logicalKey);
        if (dropped is not null)
        {
            Log.InvalidationDropped(_logger, _options.InvalidationQueueCapacity, dropped);
            Metrics.InvalidationsQueued.Add(1, [TagsFor(CacheKeyTemplate.KeyspaceOf(dropped)).Only[0], new("outcome", "dropped")]);
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

    /// <summary>Applies queued invalidations, oldest first, as soon as Redis answers again.</summary>
    private async Task DrainAsync()
    {
        var applied = 0;
        try
        {
            while (!ShutdownToken.IsCancellationRequested && _pendingInvalidations.TryPeek(out var logicalKey))
            {
                var database = _database;
                if (database is null || _breaker.IsOpen || !_connection!.IsConnected)
                {
                    // Connection upkeep waits in real time, whatever clock the cache logic runs on.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), ShutdownToken).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await ApplyAsync(database, logicalKey).ConfigureAwait(false);
                    _pendingInvalidations.Remove(logicalKey);
                    Metrics.InvalidationsQueued.Add(1, [TagsFor(CacheKeyTemplate.KeyspaceOf(logicalKey)).Only[0], new("outcome", "applied")]);
                    applied++;
                }
                catch (Exception ex) when (IsRedisFailure(ex))
                {
                    ReportRedisFailure(ex);
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

    private void OnInvalidationMessage(RedisChannel channel, RedisValue value)
    {
        ReadOnlyMemory<byte> bytes = value;
        if (!InvalidationMessage.TryParse(bytes.Span, out var message, out var reason))
        {
            Metrics.MalformedInvalidations.Add(1, TagsFor("(unknown)").Only);
            Log.MalformedInvalidation(_logger, reason);
            return;
        }

        if (message.Source == _options.InstanceId)
        {
            return; // Our own: evicted when it was issued.
        }

        Local.Invalidate(message.Key);
        Metrics.Invalidations.Add(1, TagsFor(CacheKeyTemplate.KeyspaceOf(message.Key)).Received);
        InvalidationReceived?.Invoke(message.Key);
    }
}
