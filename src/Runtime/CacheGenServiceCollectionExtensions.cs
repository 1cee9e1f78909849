using System;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using CacheGen;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers CacheGen in an <see cref="IServiceCollection"/>: <c>services.AddCacheGen(o => o.Redis = "host:port")</c>,
/// then <c>.AddCached&lt;IService, Implementation&gt;()</c> for each class whose methods carry <see cref="CachedAttribute"/>
/// or <see cref="InvalidatesCacheAttribute"/>. In this namespace, as the other caching libraries' registrations are, so
/// that no extra <c>using</c> is needed where services are configured.
/// </summary>
public static class CacheGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CacheGen runtime: a singleton <see cref="CacheEngine"/>, also served as <see cref="ICacheGen"/> and <see cref="ICacheInvalidator"/>,
    /// and a hosted service that starts it (and its connection to Redis) when a host starts. Without a host the engine
    /// starts on first use; either way the first calls wait up to <see cref="CacheGenOptions.StartupWait"/> for the
    /// connection instead of bypassing the cache.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options, for example <c>o => o.Redis = "localhost:6379"</c>. Without
    /// <see cref="CacheGenOptions.Redis"/>, an <see cref="IConnectionMultiplexer"/> registered in DI is used.</param>
    /// <returns>A builder to go on configuring CacheGen with (<see cref="AddCached{TService, TImplementation}(ICacheGenBuilder, ServiceLifetime)"/>, <see cref="ICacheGenBuilder.Services"/>).</returns>
    public static ICacheGenBuilder AddCacheGen(this IServiceCollection services, Action<CacheGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<CacheGenOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        // Checked when the host starts, not on the first request: invalid options stop it with a message naming the setting.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CacheGenOptions>>(new CacheGen.Internals.CacheGenOptionsValidator()));
        builder.ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<CacheGenOptions>>().Value;
            IConnectionMultiplexer? connection = null;
            if (string.IsNullOrWhiteSpace(options.Redis))
            {
                connection = provider.GetService<IConnectionMultiplexer>()
                    ?? throw new InvalidOperationException("CacheGen needs Redis: set CacheGenOptions.Redis in AddCacheGen(o => o.Redis = \"host:port\"), or register an IConnectionMultiplexer before resolving CacheGen services.");
            }

            return new CacheEngine(
                options,
                connection,
                provider.GetService<ILoggerFactory>(),
                provider.GetService<IMeterFactory>(),
                provider.GetService<TimeProvider>());
        });
        services.TryAddSingleton<ICacheInvalidator>(static provider => provider.GetRequiredService<CacheEngine>());
        services.TryAddSingleton<ICacheGen>(static provider => provider.GetRequiredService<CacheEngine>());

        // With a host, connect when it starts rather than on the first request.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, CacheGen.Internals.CacheGenStartup>());
        return new CacheGenBuilder(services);
    }

    /// <summary>
    /// <see cref="AddCacheGen(IServiceCollection, Action{CacheGenOptions}?)"/> with the options read from a configuration
    /// section, usually <c>builder.Configuration.GetSection("CacheGen")</c>: every setting of <see cref="CacheGenOptions"/>
    /// by its name (<c>Redis</c>, <c>KeyPrefix</c>, <c>OperationTimeout</c> as <c>00:00:01</c>, …) and the
    /// <see cref="CacheGenOptions.Keyspaces"/> that replace the attributes' lifetimes
    /// (<c>Keyspaces:revenue:TtlSeconds</c>). <paramref name="configure"/> runs after the binding, for what only code can
    /// set (a serializer). Binding uses generated code: trim and native AOT safe.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section to read.</param>
    /// <param name="configure">Sets what configuration cannot, after the binding.</param>
    /// <returns>A builder to go on configuring CacheGen with.</returns>
    public static ICacheGenBuilder AddCacheGen(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration, Action<CacheGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CacheGenOptions>().Configure(options =>
        {
            var section = new CacheGen.Internals.CacheGenSection();
            Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration, section);
            section.ApplyTo(options);
        });
        return services.AddCacheGen(configure);
    }

    /// <summary>
    /// <see cref="AddCached{TService, TImplementation}(IServiceCollection, ServiceLifetime)"/> on the builder that
    /// <see cref="AddCacheGen(IServiceCollection, Action{CacheGenOptions}?)"/> returned: <c>services.AddCacheGen(…).AddCached&lt;IProducts, Products&gt;()</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No decorator was generated for this pair; the message says why that happens.</exception>
    public static ICacheGenBuilder AddCached<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.Interfaces)] TImplementation>(this ICacheGenBuilder builder, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCached<TService, TImplementation>(lifetime);
        return builder;
    }

    private sealed class CacheGenBuilder(IServiceCollection services) : ICacheGenBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    /// <summary>
    /// Registers <typeparamref name="TImplementation"/> and serves <typeparamref name="TService"/> through the decorator
    /// that CacheGen generated for its <see cref="CachedAttribute"/> and <see cref="InvalidatesCacheAttribute"/> methods.
    /// No reflection: safe for trimming and native AOT.
    /// </summary>
    /// <exception cref="InvalidOperationException">No decorator was generated for this pair; the message says why that happens.</exception>
    public static IServiceCollection AddCached<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.Interfaces)] TImplementation>(this IServiceCollection services, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!typeof(TService).IsInterface)
        {
            throw new InvalidOperationException(
                $"AddCached<{typeof(TService).Name}, {typeof(TImplementation).Name}>: the first type argument must be an interface. CacheGen's decorator implements the interfaces of {typeof(TImplementation).Name} and forwards to it, so callers must depend on an interface: " +
                $"call AddCached<{InterfaceHint(typeof(TImplementation))}, {typeof(TImplementation).Name}>() and inject that interface.");
        }

        if (!CachedDecoratorRegistry.TryGet<TService, TImplementation>(out var factory))
        {
            throw new InvalidOperationException(
                $"CacheGen has no generated decorator for {typeof(TService).FullName} implemented by {typeof(TImplementation).FullName}. " +
                $"Put [Cached] or [InvalidatesCache] on the methods of {typeof(TImplementation).Name} that implement {typeof(TService).Name}, make sure the CacheGen package (with its source generator) is referenced by the project that declares {typeof(TImplementation).Name}, and fix any CG diagnostics it reports.");
        }

        services.TryAdd(new ServiceDescriptor(typeof(TImplementation), typeof(TImplementation), lifetime));

        // Background refreshes outlive the request: they open their scope from the root, not from the request's scope,
        // which may be disposed by the time they run.
        services.TryAddSingleton<CacheGen.Internals.RefreshScopes>();
        services.Add(new ServiceDescriptor(
            typeof(TService),
            provider => factory(provider.GetRequiredService<TImplementation>(), provider.GetService<CacheEngine>() ?? throw NotRegistered(), provider.GetRequiredService<CacheGen.Internals.RefreshScopes>()),
            lifetime));

        // With a host, a missing AddCacheGen stops it at start instead of failing the first request.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, CacheGen.Internals.CachedRegistrationCheck>());
        return services;
    }

    internal static InvalidOperationException NotRegistered() => new(
        "CacheGen is not registered: services registered with AddCached need the CacheGen runtime. Call services.AddCacheGen(o => o.Redis = \"host:port\") (or register an IConnectionMultiplexer and call services.AddCacheGen()).");

    private static string InterfaceHint([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.Interfaces)] Type implementation) =>
        implementation.GetInterfaces() is { Length: > 0 } interfaces ? string.Join(" or ", Array.ConvertAll(interfaces, i => i.Name)) : "I" + implementation.Name;
}
