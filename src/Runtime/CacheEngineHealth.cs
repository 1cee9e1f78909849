namespace CacheGen;

/// <summary>
/// What a health check or a dashboard needs to know about one engine, at one moment (<see cref="CacheEngine.GetHealth"/>).
/// </summary>
/// <param name="Connected">The connection to Redis is up.</param>
/// <param name="Subscribed">The invalidation channel has been subscribed (once connected at start).</param>
/// <param name="FailingOpen">Calls skip Redis and run their loaders: not connected, the circuit breaker is open, or
/// invalidations are waiting to be applied.</param>
/// <param name="PendingInvalidations">Invalidations queued because Redis could not be reached.</param>
/// <param name="LocalCopiesTrusted">In-process copies are served (Redis answered within <see cref="CacheGenOptions.LocalCacheOfflineLifetime"/>).</param>
public readonly record struct CacheEngineHealth(bool Connected, bool Subscribed, bool FailingOpen, int PendingInvalidations, bool LocalCopiesTrusted);
