using CacheGen.EndToEnd.Repositories;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CacheGen.EndToEnd;

[Collection(RedisServerGroup.Name)]
public sealed class ScopedRefreshTests(RedisServerFixture server)
{
    [Fact]
    public async Task A_stale_refresh_of_a_scoped_repository_runs_in_a_scope_of_its_own()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = RedisServerFixture.NewOptions(server.Endpoint, nameof(ScopedRefreshTests));
        await using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddScoped<ScopedConnection>()
            .AddCacheGen(o =>
            {
                o.Redis = options.Redis;
                o.KeyPrefix = options.KeyPrefix;
                o.InvalidationChannel = options.InvalidationChannel;
            })
            .AddCached<ISessionReports, SessionReports>(ServiceLifetime.Scoped)
            .Services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CacheEngine>();
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        var refreshed = new Signal<bool>();
        engine.RefreshCompleted += _ => refreshed.Raise(true);
        SessionReports.LoadsByConnection.Clear();

        string first;
        using (var scope = provider.CreateScope())
        {
            first = await scope.ServiceProvider.GetRequiredService<ISessionReports>().DescribeAsync(1);
        }

        clock.Advance(TimeSpan.FromSeconds(11)); // past the TTL, inside the stale window

        int requestConnection;
        string stale;
        using (var scope = provider.CreateScope())
        {
            requestConnection = scope.ServiceProvider.GetRequiredService<ScopedConnection>().Id;
            stale = await scope.ServiceProvider.GetRequiredService<ISessionReports>().DescribeAsync(1);
        } // the request's scope ends here, perhaps before the refresh runs

        await refreshed.WaitAsync();

        string fresh;
        using (var scope = provider.CreateScope())
        {
            fresh = await scope.ServiceProvider.GetRequiredService<ISessionReports>().DescribeAsync(1);
        }

        Assert.Equal(first, stale);
        var loads = SessionReports.LoadsByConnection.ToArray();
        Assert.Equal(2, loads.Length);
        Assert.NotEqual(requestConnection, loads[1]); // the refresh did not borrow the request's scoped connection
        Assert.Equal($"day 1 via connection {loads[1]}", fresh);
    }
}
