using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CacheGen.Internals;

/// <summary>
/// Registered by <c>AddCached</c>: when the host starts (it resolves its hosted services then), a missing
/// <c>AddCacheGen</c> stops it with a message that says to call it, rather than failing the first request that needs a
/// cached service.
/// </summary>
internal sealed class CachedRegistrationCheck : IHostedService
{
    public CachedRegistrationCheck(IServiceProvider services)
    {
        if (services.GetService<IServiceProviderIsService>() is { } registry && !registry.IsService(typeof(CacheEngine)))
        {
            throw CacheGenServiceCollectionExtensions.NotRegistered();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
