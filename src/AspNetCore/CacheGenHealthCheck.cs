using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using CacheGen.AspNetCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CacheGen.AspNetCore
{
    /// <summary>
    /// CacheGen's health: healthy when Redis is connected, the invalidation channel subscribed and nothing is queued;
    /// otherwise the registration's failure status (degraded by default: calls still answer, from their loaders). The
    /// result's data carries the state (<see cref="CacheEngineHealth"/>) and, with a CDN purger, the purges waiting.
    /// </summary>
    public sealed class CacheGenHealthCheck(CacheEngine engine, CdnPurging? purging = null) : IHealthCheck
    {
        /// <inheritdoc/>
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(context);
            var health = engine.GetHealth();
            var data = new Dictionary<string, object>
            {
                ["connected"] = health.Connected,
                ["subscribed"] = health.Subscribed,
                ["failingOpen"] = health.FailingOpen,
                ["pendingInvalidations"] = health.PendingInvalidations,
                ["localCopiesTrusted"] = health.LocalCopiesTrusted,
            };
            if (purging is not null)
            {
                data["pendingCdnPurges"] = purging.Pending;
            }

            var problems = new List<string>();
            if (!health.Connected)
            {
                problems.Add("Redis is not connected: calls run their loaders without the cache");
            }
            else if (health.FailingOpen && health.PendingInvalidations == 0)
            {
                problems.Add("too many Redis calls failed: the circuit breaker rests Redis, calls run their loaders");
            }

            if (!health.Subscribed)
            {
                problems.Add("the invalidation channel is not subscribed: other instances' invalidations are not heard");
            }

            if (health.PendingInvalidations > 0)
            {
                problems.Add($"{health.PendingInvalidations} invalidation(s) wait for Redis: this instance reads nothing from it until they are applied");
            }

            var result = problems.Count == 0
                ? HealthCheckResult.Healthy("Redis connected, invalidations subscribed, nothing queued.", data)
                : new HealthCheckResult(context.Registration.FailureStatus, string.Join("; ", problems) + ".", data: data);
            return Task.FromResult(result);
        }
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Adds CacheGen's health check.</summary>
    public static class CacheGenHealthChecksBuilderExtensions
    {
        /// <summary>
        /// Adds <see cref="CacheGenHealthCheck"/> as <paramref name="name"/>. <paramref name="failureStatus"/> is what a
        /// problem reports: <see cref="HealthStatus.Degraded"/> by default, since CacheGen keeps answering without Redis
        /// (fail-open); <see cref="HealthStatus.Unhealthy"/> takes an instance out of rotation instead.
        /// </summary>
        public static IHealthChecksBuilder AddCacheGen(this IHealthChecksBuilder builder, string name = "cachegen", HealthStatus failureStatus = HealthStatus.Degraded, IEnumerable<string>? tags = null)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.Add(new HealthCheckRegistration(
                name,
                static provider => new CacheGenHealthCheck(provider.GetRequiredService<CacheEngine>(), provider.GetService<CdnPurging>()),
                failureStatus,
                tags));
        }
    }
}
