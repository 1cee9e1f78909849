using System;
using CacheGen;

namespace OpenTelemetry.Trace
{
    /// <summary>Registers CacheGen's traces with an OpenTelemetry tracer provider.</summary>
    public static class CacheGenTracerProviderBuilderExtensions
    {
        /// <summary>
        /// Exports the spans of CacheGen's activity source (<c>CacheGen</c>): one per cached call, with what L1 and Redis
        /// found and whether the caller waited for a lease, loaded or failed open; the load, the lease wait, background
        /// refreshes and invalidations as spans of their own.
        /// </summary>
        /// <param name="builder">The tracer provider's builder.</param>
        /// <returns>The builder, for chaining.</returns>
        public static TracerProviderBuilder AddCacheGenInstrumentation(this TracerProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddSource(CacheGenTelemetry.ActivitySourceName);
        }
    }
}

namespace OpenTelemetry.Metrics
{
    /// <summary>Registers CacheGen's metrics with an OpenTelemetry meter provider.</summary>
    public static class CacheGenMeterProviderBuilderExtensions
    {
        /// <summary>
        /// Exports the instruments of CacheGen's meter (<c>CacheGen</c>): requests per keyspace, layer and outcome, cache
        /// and load durations, stampede coalescing, lease waits, invalidations, fail-open, and — when
        /// <c>CacheGenOptions.RedisSignals</c> is on — the Redis server's own signals.
        /// </summary>
        /// <param name="builder">The meter provider's builder.</param>
        /// <returns>The builder, for chaining.</returns>
        public static MeterProviderBuilder AddCacheGenInstrumentation(this MeterProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddMeter(CacheGenTelemetry.MeterName);
        }
    }
}
