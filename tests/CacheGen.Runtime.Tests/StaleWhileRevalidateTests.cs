using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class StaleWhileRevalidateTests(RedisServerFixture server)
{
    [Fact]
    public async Task Stale_values_are_served_at_once_while_exactly_one_refresh_runs_in_the_fleet()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, time: clock);
        var policy = new CachePolicy("swr:{id}", ttlSeconds: 10, jitterPercent: 0, staleSeconds: 300);
        var a = Cached.Method<string>(set[0], policy);
        var b = Cached.Method<string>(set[1], policy);
        var database = new FakeDatabase<string>("v1");
        Assert.Equal("v1", await a.GetAsync("k", () => database.Read()));

        database.Value = "v2";
        clock.Advance(TimeSpan.FromSeconds(11)); // past the TTL, inside the stale window

        var refreshGate = new Gate();
        var refreshes = 0;
        var winner = -1;
        var refreshEntered = new Signal<bool>();
        var completed = new[] { new Signal<bool>(), new Signal<bool>() };
        set[0].RefreshCompleted += _ => completed[0].Raise(true);
        set[1].RefreshCompleted += _ => completed[1].Raise(true);
        Func<CancellationToken, Task<string>> RefreshOn(int engine) => async ct =>
        {
            Interlocked.Increment(ref refreshes);
            winner = engine;
            refreshEntered.Raise(true);
            await refreshGate.WaitAsync();
            return database.Read();
        };

        // 20 callers on two instances get the stale value while the refresh is still held on its gate.
        var callers = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a.GetAsync("k", RefreshOn(0)) : b.GetAsync("k", RefreshOn(1))).AsTask()).ToArray();
        var values = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(values, v => Assert.Equal("v1", v));

        // The other instance's refresh found the lease taken and finished without loading; the winner's is held.
        await refreshEntered.WaitAsync();
        await completed[1 - winner].WaitAsync();
        Assert.Equal(1, refreshes);
        Assert.False(completed[winner].IsRaised);

        // The winner's first completion is its load and write (an instance only loses to another's lease).
        refreshGate.Open();
        await completed[winner].WaitAsync();

        Assert.Equal(1, refreshes);
        Assert.Equal(2, database.Loads);
        Assert.Equal("v2", await b.GetAsync("k", () => "not loaded again"));
        Assert.Equal("v2", await a.GetAsync("k", () => "not loaded again"));
    }

    [Fact]
    public async Task Past_the_stale_window_a_value_is_a_miss()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, time: clock);
        var method = Cached.Method<string>(set[0], new CachePolicy("swr:{id}", ttlSeconds: 10, jitterPercent: 0, staleSeconds: 5));
        Assert.Equal("v1", await method.GetAsync("k", () => "v1"));
        clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal("v2", await method.GetAsync("k", () => "v2"));
    }

    [Fact]
    public async Task Without_a_stale_window_an_expired_value_is_reloaded_before_returning()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, time: clock);
        var method = Cached.Method<string>(set[0], new CachePolicy("swr:{id}", ttlSeconds: 10, jitterPercent: 0));
        Assert.Equal("v1", await method.GetAsync("k", () => "v1"));
        Assert.Equal("v1", await method.GetAsync("k", () => "v2"));
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("v2", await method.GetAsync("k", () => "v2"));
    }
}
