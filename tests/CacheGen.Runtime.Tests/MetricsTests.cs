using CacheGen.Tests.Infrastructure;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class MetricsTests(RedisServerFixture server)
{
    [Fact]
    public async Task Requests_are_counted_by_keyspace_layer_and_outcome_with_both_duration_histograms()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        using var metrics = new MetricCollector(set[0]);
        var policy = new CachePolicy("revenue:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var method = Cached.Method<string>(set[0], policy);

        await method.GetAsync("1", () => "v"); // l1 miss, redis miss, load
        await method.GetAsync("1", () => "v"); // l1 hit
        set[0].Local.Clear();
        await method.GetAsync("1", () => "v"); // l1 miss, redis hit
        await set[1].InvalidateAsync(method.FormatKey("1"));

        Assert.Equal(1, metrics.Sum("cachegen.requests", ("keyspace", "revenue"), ("layer", "l1"), ("outcome", "hit")));
        Assert.Equal(2, metrics.Sum("cachegen.requests", ("keyspace", "revenue"), ("layer", "l1"), ("outcome", "miss")));
        Assert.Equal(1, metrics.Sum("cachegen.requests", ("keyspace", "revenue"), ("layer", "redis"), ("outcome", "hit")));
        Assert.Equal(1, metrics.Sum("cachegen.requests", ("keyspace", "revenue"), ("layer", "redis"), ("outcome", "miss")));
        Assert.Equal(2, metrics.Count("cachegen.cache.duration"));
        Assert.Equal(1, metrics.Count("cachegen.load.duration"));
        Assert.All(metrics.All.Where(m => m.Instrument.EndsWith(".duration", StringComparison.Ordinal)), m =>
        {
            Assert.Equal("revenue", m.Tags["keyspace"]);
            Assert.InRange(m.Value, 0, 30); // seconds
        });
        Assert.All(metrics.All, m => Assert.True(m.Tags.ContainsKey("keyspace"), $"{m.Instrument} has no keyspace tag"));
    }

    [Fact]
    public async Task A_caller_that_joins_a_load_in_flight_is_a_lookup_too_counted_as_a_Redis_miss()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        using var metrics = new MetricCollector(set[0]);
        var policy = new CachePolicy("joined:{id}", ttlSeconds: 300);
        var joined = new Signal<bool>();
        set[0].AfterFlightJoined = _ => joined.Raise(true);
        var gate = new Gate();
        var leader = await Cached.HolderLoadingUntilAsync(set[0], policy, gate, () => "loaded once");
        var joiner = Cached.Method<string>(set[0], policy).GetAsync("1", () => "loaded twice").AsTask();
        await joined.WaitAsync();
        gate.Open();
        Assert.Equal("loaded once", await leader);
        Assert.Equal("loaded once", await joiner);

        // Two lookups, neither served from the cache: both are misses (the hit ratio the alert rules compute is 0, not 1).
        Assert.Equal(2, metrics.Sum("cachegen.requests", ("keyspace", "joined"), ("layer", "redis"), ("outcome", "miss")));
        Assert.Equal(0, metrics.Sum("cachegen.requests", ("keyspace", "joined"), ("layer", "redis"), ("outcome", "hit")));
        Assert.Equal(1, metrics.Sum("cachegen.stampede.coalesced", ("keyspace", "joined")));
    }

    [Fact]
    public async Task Invalidations_are_counted_as_published_and_received()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        using var sender = new MetricCollector(set[0]);
        using var receiver = new MetricCollector(set[1]);
        var received = new Signal<bool>();
        receiver.Measured += m =>
        {
            if (m.Instrument == "cachegen.invalidations")
            {
                received.Raise(true);
            }
        };

        await set[0].InvalidateAsync("orders:42");
        await received.WaitAsync(5);

        Assert.Equal(1, sender.Sum("cachegen.invalidations", ("keyspace", "orders"), ("direction", "published")));
        Assert.Equal(1, receiver.Sum("cachegen.invalidations", ("keyspace", "orders"), ("direction", "received")));
    }

    [Fact]
    public async Task Coalesced_callers_and_lease_waits_are_measured()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        using var waiterMetrics = new MetricCollector(set[1]);
        var policy = new CachePolicy("slow:{id}", ttlSeconds: 300);
        var release = new Gate();
        var entered = new Signal<bool>();
        var waiting = new Signal<bool>();
        waiterMetrics.Measured += m =>
        {
            if (m.Instrument == "cachegen.stampede.coalesced")
            {
                waiting.Raise(true);
            }
        };
        var holder = Cached.Method<string>(set[0], policy).GetAsync("1", async _ =>
        {
            entered.Raise(true);
            await release.WaitAsync();
            return "v";
        }).AsTask();
        await entered.WaitAsync();
        var waiter = Cached.Method<string>(set[1], policy).GetAsync("1", () => "not loaded").AsTask();
        await waiting.WaitAsync();
        release.Open();

        Assert.Equal("v", await waiter);
        Assert.Equal("v", await holder);
        Assert.Equal(1, waiterMetrics.Sum("cachegen.stampede.coalesced", ("keyspace", "slow")));
        Assert.Equal(1, waiterMetrics.Count("cachegen.lease.wait.duration"));
    }
}
