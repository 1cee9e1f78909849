using Microsoft.Extensions.DependencyInjection;

namespace CacheGen;

/// <summary>
/// What <c>services.AddCacheGen(…)</c> returns: the place to go on configuring CacheGen, such as registering the
/// classes it decorates with <c>.AddCached&lt;IService, Implementation&gt;()</c>.
/// </summary>
public interface ICacheGenBuilder
{
    /// <summary>The service collection CacheGen was added to.</summary>
    IServiceCollection Services { get; }
}
