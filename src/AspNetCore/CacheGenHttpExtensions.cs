using System;
using CacheGen.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the CacheGen HTTP middleware's options.</summary>
    public static class CacheGenHttpServiceCollectionExtensions
    {
        /// <summary>
        /// Registers what <c>app.UseCacheGenHttp()</c> needs, with <paramref name="configure"/> applied (which surrogate-key
        /// headers your CDN reads, the X-Cache header's name).
        /// </summary>
        public static IServiceCollection AddCacheGenHttp(this IServiceCollection services, Action<CacheGenHttpOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(services);
            var options = services.AddOptions<CacheGenHttpOptions>();
            if (configure is not null)
            {
                options.Configure(configure);
            }

            options.Validate(static o =>
            {
                o.Validate();
                return true;
            });
            return services;
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Adds the CacheGen HTTP middleware and endpoint conventions.</summary>
    public static class CacheGenHttpApplicationBuilderExtensions
    {
        /// <summary>
        /// Adds the middleware that writes <c>X-Cache</c>, <c>Cache-Control</c> and surrogate keys. Put it before the
        /// endpoints (after routing, so it sees which endpoint runs): every response of a request that made a CacheGen
        /// call gets <c>X-Cache</c>; endpoints with <see cref="HttpCacheAttribute"/> (or <c>.CacheAtEdge()</c>) get
        /// <c>Cache-Control</c> and surrogate keys.
        /// </summary>
        public static IApplicationBuilder UseCacheGenHttp(this IApplicationBuilder app)
        {
            ArgumentNullException.ThrowIfNull(app);
            _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IOptions<CacheGenHttpOptions>>(app.ApplicationServices).Value; // validated now, not on the first request
            return app.UseMiddleware<CacheGenHttpMiddleware>();
        }

        /// <summary>
        /// Lets shared caches keep the endpoint's responses for <paramref name="sharedMaxAge"/> (see <see cref="HttpCacheAttribute"/>).
        /// </summary>
        /// <param name="builder">The endpoint.</param>
        /// <param name="sharedMaxAge">How long a CDN may serve a response (<c>s-maxage</c>): keep it short, and purge on change.</param>
        /// <param name="staleWhileRevalidate">How long past it a CDN may serve a response while it revalidates; none when null.</param>
        /// <param name="maxAge">How long the browser may keep it (<c>max-age</c>); 0 by default, since a browser copy cannot be purged.</param>
        public static TBuilder CacheAtEdge<TBuilder>(this TBuilder builder, TimeSpan sharedMaxAge, TimeSpan? staleWhileRevalidate = null, TimeSpan? maxAge = null)
            where TBuilder : IEndpointConventionBuilder
        {
            ArgumentNullException.ThrowIfNull(builder);
            var attribute = new HttpCacheAttribute
            {
                SharedMaxAge = (int)sharedMaxAge.TotalSeconds,
                StaleWhileRevalidate = (int)(staleWhileRevalidate?.TotalSeconds ?? 0),
                MaxAge = (int)(maxAge?.TotalSeconds ?? 0),
            };
            attribute.Validate(nameof(CacheAtEdge));
            builder.Add(endpoint => endpoint.Metadata.Add(attribute));
            return builder;
        }

        /// <summary>Leaves <c>X-Cache</c> off the endpoint's responses.</summary>
        public static TBuilder WithoutXCache<TBuilder>(this TBuilder builder)
            where TBuilder : IEndpointConventionBuilder
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.Add(endpoint => endpoint.Metadata.Add(new NoXCacheAttribute()));
            return builder;
        }
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers a CDN purger and the queue that calls it after every invalidation.</summary>
    public static class CdnPurgerServiceCollectionExtensions
    {
        /// <summary>
        /// Purges <paramref name="purger"/>'s CDN after every invalidation this application issues (and, on one instance,
        /// after those another producer publishes): queued, batched, retried while the CDN fails (<see cref="CdnPurging"/>).
        /// </summary>
        public static IServiceCollection AddCdnPurger(this IServiceCollection services, Func<IServiceProvider, ICdnPurger> purger, Action<CdnPurgeOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(services);
            ArgumentNullException.ThrowIfNull(purger);
            services.TryAddSingleton(purger);
            var options = services.AddOptions<CdnPurgeOptions>();
            if (configure is not null)
            {
                options.Configure(configure);
            }

            services.TryAddSingleton<CdnPurging>();
            services.AddHostedService(static provider => provider.GetRequiredService<CdnPurging>());
            return services;
        }

        /// <summary>Purges Varnish (with the xkey module) at <paramref name="varnish"/>; see <see cref="VarnishPurger"/>.</summary>
        public static IServiceCollection AddVarnishPurger(this IServiceCollection services, Uri varnish, Action<CdnPurgeOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(varnish);
            return services.AddCdnPurger(_ => new VarnishPurger(varnish), configure);
        }

        /// <summary>Purges a Fastly service by surrogate key; see <see cref="FastlyPurger"/>.</summary>
        public static IServiceCollection AddFastlyPurger(this IServiceCollection services, string serviceId, string apiToken, Action<CdnPurgeOptions>? configure = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(serviceId);
            ArgumentException.ThrowIfNullOrEmpty(apiToken);
            return services.AddCdnPurger(_ => new FastlyPurger(serviceId, apiToken), configure);
        }

        /// <summary>Purges a Cloudflare zone by cache tag; see <see cref="CloudflarePurger"/>.</summary>
        public static IServiceCollection AddCloudflarePurger(this IServiceCollection services, string zoneId, string apiToken, Action<CdnPurgeOptions>? configure = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(zoneId);
            ArgumentException.ThrowIfNullOrEmpty(apiToken);
            return services.AddCdnPurger(_ => new CloudflarePurger(zoneId, apiToken), configure);
        }
    }
}
