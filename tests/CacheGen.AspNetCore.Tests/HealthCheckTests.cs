using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CacheGen.AspNetCore.Tests;

/// <summary>The health check with Redis up, Redis down, and invalidations waiting for Redis.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class HealthCheckTests(RedisServerFixture server)
{
    private static async Task<(ServiceProvider Provider, HealthCheckService Health, CacheEngine Engine)> StartAsync(string redis, HealthStatus failureStatus = HealthStatus.Degraded)
    {
        var provider = new ServiceCollection()
            .AddLogging()
            .AddCacheGen(o =>
            {
                o.Redis = redis;
                o.OperationTimeout = TimeSpan.FromMilliseconds(300);
                o.BreakerMinimumThroughput = 1;
            })
            .Services
            .AddHealthChecks().AddCacheGen(failureStatus: failureStatus).Services
            .BuildServiceProvider();
        var engine = provider.GetRequiredService<CacheEngine>();
        Assert.True(await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(20)));
        return (provider, provider.GetRequiredService<HealthCheckService>(), engine);
    }

    [Fact]
    public async Task Redis_up_is_healthy_with_the_state_in_the_data()
    {
        var (provider, health, _) = await StartAsync(server.Endpoint);
        await using var _ = provider;
        var report = await health.CheckHealthAsync();
        var entry = report.Entries["cachegen"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(true, entry.Data["connected"]);
        Assert.Equal(0, entry.Data["pendingInvalidations"]);
    }

    [Fact]
    public async Task Redis_down_is_degraded_or_unhealthy_as_configured()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        var (provider, health, engine) = await StartAsync(proxy.Endpoint, HealthStatus.Unhealthy);
        await using var _ = provider;
        var failed = new Signal<bool>();
        engine.Connection!.ConnectionFailed += (_, _) => failed.Raise(true);
        proxy.Cut();
        await failed.WaitAsync();

        var entry = (await health.CheckHealthAsync()).Entries["cachegen"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(false, entry.Data["connected"]);
        Assert.Contains("not connected", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalidations_waiting_for_Redis_are_degraded_until_they_are_applied()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        var (provider, health, engine) = await StartAsync(proxy.Endpoint);
        await using var _ = provider;
        proxy.Stall();
        await engine.InvalidateAsync("report:1"); // times out: queued
        var entry = (await health.CheckHealthAsync()).Entries["cachegen"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(1, entry.Data["pendingInvalidations"]);
        Assert.Contains("wait for Redis", entry.Description, StringComparison.Ordinal);

        proxy.Unstall();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (engine.PendingInvalidations > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20); // the replay's completion (public state only from this assembly)
        }

        Assert.Equal(0, (await health.CheckHealthAsync()).Entries["cachegen"].Data["pendingInvalidations"]);
    }
}
