using System;
using Microsoft.Extensions.Logging;

namespace CacheGen.Internals;

/// <summary>CacheGen's log messages (source-generated, no allocation when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Redis is unavailable ({Reason}). Until it answers again, calls run their loaders without the cache (one load per key in this instance at a time) and local copies are served {LocalCopies}. Logged once per outage; a line follows when Redis answers.")]
    public static partial void RedisUnavailable(ILogger logger, string reason, string localCopies, Exception? exception);

    [LoggerMessage(20, LogLevel.Warning, "Redis came back as a different server (restarted, possibly from a snapshot, or failed over): it may have lost deletes it had acknowledged. Applying this instance's last {Count} invalidation(s) again.")]
    public static partial void ServerReplaced(ILogger logger, int count);

    [LoggerMessage(19, LogLevel.Information, "Redis answers again after {Duration}; {Loads} call(s) were served by their loaders without the cache meanwhile.")]
    public static partial void RedisAvailableAgain(ILogger logger, TimeSpan duration, long loads);

    [LoggerMessage(2, LogLevel.Information, "Redis connection restored; the local cache was cleared because invalidations may have been missed.")]
    public static partial void ConnectionRestored(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "The cached value of {Key} could not be read and is treated as a miss.")]
    public static partial void UnreadableValue(ILogger logger, string key, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Ignored a malformed message on the invalidation channel: {Reason}. (Logged at most once a minute; cachegen.invalidations.malformed counts each.)")]
    public static partial void MalformedInvalidation(ILogger logger, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Invalidation of {Key} could not reach Redis; queued to be applied when it is back.")]
    public static partial void InvalidationQueued(ILogger logger, string key);

    [LoggerMessage(7, LogLevel.Error, "The invalidation queue is full ({Capacity}); the invalidation of {Key} was dropped and may leave a stale value until its TTL.")]
    public static partial void InvalidationDropped(ILogger logger, int capacity, string key);

    [LoggerMessage(8, LogLevel.Information, "Applied {Count} queued invalidation(s) after Redis came back.")]
    public static partial void InvalidationsReplayed(ILogger logger, int count);

    [LoggerMessage(9, LogLevel.Debug, "The write of {Key} was rejected: its lease was invalidated or taken over while loading.")]
    public static partial void WriteRejected(ILogger logger, string key);

    [LoggerMessage(10, LogLevel.Warning, "The background refresh of {Key} failed; the stale value stays until it expires.")]
    public static partial void RefreshFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Subscribing to the invalidation channel {Channel} failed; retrying until it succeeds.")]
    public static partial void SubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(13, LogLevel.Error, "Values of {Type} cached by \"{Template}\" do not come back from the cache as they went in: {Difference}. CacheGen no longer caches this method in this process and calls it directly. Make the type round-trip through the serializer (public setters or [JsonInclude], constructor parameters named after the properties, [JsonPolymorphic] for declared object, interface or abstract types) or configure a serializer that does.")]
    public static partial void LossyValue(ILogger logger, string type, string template, string difference);

    [LoggerMessage(14, LogLevel.Error, "Values of {Type} cached by \"{Template}\" cannot be serialized. CacheGen no longer caches this method in this process and calls it directly. Remove what the serializer cannot write (cycles, System.Type, delegates) or configure a serializer that can.")]
    public static partial void UncacheableValue(ILogger logger, string type, string template, Exception exception);

    [LoggerMessage(15, LogLevel.Warning, "{Missing} instance(s) did not confirm the invalidation of {Key} within {Timeout}; they drop their local copy when the broadcast reaches them.")]
    public static partial void InvalidationUnacknowledged(ILogger logger, string key, long missing, TimeSpan timeout);

    [LoggerMessage(16, LogLevel.Warning, "This Redis Cluster has no sharded pub/sub (Redis 7 or later); an invalidation waits only for the instances subscribed through the node that publishes it.")]
    public static partial void ShardedPubSubUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(17, LogLevel.Warning, "Redis refused a command of keyspace {Keyspace} (for example a key of another type); that call ran its loader uncached and CacheGen keeps using Redis for everything else. Logged at most once a minute; cachegen.errors counts each.")]
    public static partial void RedisCommandFailed(ILogger logger, string keyspace, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "A caller of {Key} waited {Waited} for another caller's load and now loads itself, uncached (MaxLeaseWait).")]
    public static partial void LeaseWaitAbandoned(ILogger logger, string key, TimeSpan waited);

    [LoggerMessage(21, LogLevel.Error, "A handler of CacheEngine.Invalidated threw for {Name}; the invalidation itself was applied.")]
    public static partial void InvalidatedHandlerFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(22, LogLevel.Warning, "Redis server {Server} logged a KEYS command in its slow log ({Duration} µs, client {ClientName} at {ClientAddress}): KEYS blocks the server while it walks every key. Use SCAN instead.")]
    public static partial void KeysInSlowLog(ILogger logger, string server, long duration, string clientName, string clientAddress);

    [LoggerMessage(23, LogLevel.Warning, "Sampling the Redis server's signals (CacheGen:RedisSignals) failed: {Reason}. The next period tries again. The sampler runs INFO and SLOWLOG GET on a second connection made from the configuration string, with admin commands allowed (with ACLs the user needs +info +slowlog). Logged at most once an hour.")]
    public static partial void SignalsSamplingFailed(ILogger logger, string reason, Exception exception);
}
