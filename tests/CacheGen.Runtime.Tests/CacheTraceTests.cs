using CacheGen.Tests.Infrastructure;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class CacheTraceTests(RedisServerFixture server)
{
    [Fact]
    public async Task A_trace_records_what_each_layer_found_for_each_call()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var withL1 = Cached.Method<string>(set[0], new CachePolicy("revenue:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        var otherInstance = Cached.Method<string>(set[1], new CachePolicy("revenue:{id}", ttlSeconds: 300));

        using (var trace = CacheTrace.Begin())
        {
            await withL1.GetAsync("1", () => "v");
            await withL1.GetAsync("1", () => "v");
            await otherInstance.GetAsync("1", () => "v");
            Assert.Equal(
                [
                    new CacheTraceEntry("revenue", CacheLayerOutcome.Miss, CacheLayerOutcome.Miss, "revenue:1"),
                    new CacheTraceEntry("revenue", CacheLayerOutcome.Hit, null, "revenue:1"),
                    new CacheTraceEntry("revenue", null, CacheLayerOutcome.Hit, "revenue:1"),
                ],
                trace.Entries);
            Assert.Equal("revenue L1=MISS Redis=MISS, revenue L1=HIT Redis=-, revenue L1=- Redis=HIT", trace.ToHeaderValue());
        }

        Assert.Null(CacheTrace.Current);
    }

    [Fact]
    public async Task Traces_of_concurrent_flows_do_not_mix()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("t:{id}", ttlSeconds: 300));
        async Task<string> Flow(string id)
        {
            using var trace = CacheTrace.Begin();
            await method.GetAsync(id, () => id);
            return trace.ToHeaderValue();
        }

        var results = await Task.WhenAll(Flow("a"), Flow("b"));
        Assert.All(results, r => Assert.Equal("t L1=- Redis=MISS", r));
    }
}
