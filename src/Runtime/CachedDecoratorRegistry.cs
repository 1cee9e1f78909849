using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CacheGen;

/// <summary>
/// Where generated code registers its decorators (from a module initializer), so that
/// <see cref="Microsoft.Extensions.DependencyInjection.CacheGenServiceCollectionExtensions.AddCached{TService, TImplementation}(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.DependencyInjection.ServiceLifetime)"/> finds them without reflection.
/// Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CachedDecoratorRegistry
{
    private static readonly ConcurrentDictionary<(Type Service, Type Implementation), Delegate> Factories = new();

    /// <summary>Registers the generated decorator of <typeparamref name="TImplementation"/> as <typeparamref name="TService"/>.</summary>
    public static void Register<TService, TImplementation>(Func<TImplementation, CacheEngine, TService> factory)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(factory);
        Register<TService, TImplementation>((inner, engine, _) => factory(inner, engine));
    }

    /// <summary>
    /// Registers a decorator factory that also receives the service provider (a decorator uses it to give background
    /// refreshes a service scope of their own).
    /// </summary>
    public static void Register<TService, TImplementation>(Func<TImplementation, CacheEngine, IServiceProvider, TService> factory)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factories[(typeof(TService), typeof(TImplementation))] = factory;
    }

    private static readonly ConcurrentQueue<System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver> Contracts = new();

    /// <summary>
    /// Registers the JSON contracts generated for the cached types of one decorator: the default serializer uses them where
    /// reflection-based serialization is off (native AOT, trimming).
    /// </summary>
    public static void RegisterJsonContracts(System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        Contracts.Enqueue(contracts);
    }

    /// <summary>Every generated contract registered so far, as one resolver (consulted in registration order, at each lookup).</summary>
    internal static System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver GeneratedContracts { get; } = new RegisteredContracts();

    private sealed class RegisteredContracts : System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver
    {
        public System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type, System.Text.Json.JsonSerializerOptions options)
        {
            foreach (var contracts in Contracts)
            {
                if (contracts.GetTypeInfo(type, options) is { } info)
                {
                    return info;
                }
            }

            return null;
        }
    }

    /// <summary>Finds the decorator factory of a service/implementation pair.</summary>
    public static bool TryGet<TService, TImplementation>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Func<TImplementation, CacheEngine, IServiceProvider, TService>? factory)
        where TService : class
        where TImplementation : class, TService
    {
        // The implementation's assembly registers its decorators in a module initializer: make sure it has run.
        RuntimeHelpers.RunModuleConstructor(typeof(TImplementation).Module.ModuleHandle);
        if (Factories.TryGetValue((typeof(TService), typeof(TImplementation)), out var found))
        {
            factory = (Func<TImplementation, CacheEngine, IServiceProvider, TService>)found;
            return true;
        }

        factory = null;
        return false;
    }
}
