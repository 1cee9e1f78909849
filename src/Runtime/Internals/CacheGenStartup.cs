using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace CacheGen.Internals;

/// <summary>
/// Starts the engine when the host starts, so its connection to Redis is being made before the first request arrives,
/// and gives it up to <see cref="CacheGenOptions.StartupWait"/> to be ready. Never fails the host: an application
/// whose Redis is down starts and serves its loaders until Redis appears.
/// </summary>
internal sealed class CacheGenStartup(CacheEngine engine) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await engine.WaitUntilReadyAsync(engine.Options.StartupWait, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host is shutting down while starting.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
