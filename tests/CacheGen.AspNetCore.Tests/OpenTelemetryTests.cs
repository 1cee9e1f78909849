using System.Diagnostics;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CacheGen.AspNetCore.Tests;

/// <summary>CacheGen.OpenTelemetry: the builder extensions turn on CacheGen's spans and instruments in an OpenTelemetry SDK.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class OpenTelemetryTests(RedisServerFixture server)
{
    [Fact]
    public async Task AddCacheGenInstrumentation_exports_the_spans_and_metrics_of_cached_calls()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddCacheGenInstrumentation().AddInMemoryExporter(spans).Build();
        using var meter = Sdk.CreateMeterProviderBuilder().AddCacheGenInstrumentation().AddInMemoryExporter(metrics).Build();
        await using var provider = new ServiceCollection().AddCacheGen(o => o.Redis = server.Endpoint).Services.BuildServiceProvider();
        Assert.True(await provider.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(20)));
        var cache = provider.GetRequiredService<ICacheGen>();

        var loads = 0;
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("v", await cache.GetOrLoadAsync("otel:1", 0, (_, _) => { loads++; return ValueTask.FromResult("v"); }));
        }

        tracer!.ForceFlush();
        meter!.ForceFlush();
        Assert.Equal(1, loads);
        var calls = spans.Where(s => s.OperationName == "cachegen.get" && (string?)s.GetTagItem("cachegen.keyspace") == "otel").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(true, calls[0].GetTagItem("cachegen.loaded"));
        Assert.Equal("hit", calls[1].GetTagItem("cachegen.l1") ?? calls[1].GetTagItem("cachegen.redis"));
        Assert.Contains(spans, s => s.OperationName == "cachegen.load" && s.ParentSpanId == calls[0].SpanId);

        var requests = Assert.Single(metrics, m => m.Name == "cachegen.requests");
        var hits = 0L;
        foreach (ref readonly var point in requests.GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            if ((string?)tags["keyspace"] == "otel" && (string?)tags["outcome"] == "hit")
            {
                hits += point.GetSumLong();
            }
        }

        Assert.Equal(1, hits);
    }
}
