using System.Diagnostics;
using CacheGen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class StampedeTests(RedisServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public Task Five_hundred_callers_in_one_process_cause_one_load() => StampedeAsync(server.Endpoint, engines: 1, callersPerEngine: 500);

    [Fact]
    public Task Four_instances_with_125_callers_each_cause_one_load() => StampedeAsync(server.Endpoint, engines: 4, callersPerEngine: 125);

    [ClusterFact]
    public Task Four_instances_on_a_cluster_cause_one_load() => StampedeAsync(RedisServerFixture.ClusterEndpoints!, engines: 4, callersPerEngine: 125);

    [Fact]
    public async Task Waiters_finish_close_to_the_loader()
    {
        // Reports latency for the closing note; asserts only correctness (timings are not asserted in tests).
        const int loaderMs = 100;
        foreach (var (engines, callers, report) in new[] { (1, 500, false), (1, 500, true), (4, 125, true) })
        {
            await using var set = await EngineSet.StartAsync(server.Endpoint, engines);
            var policy = new CachePolicy("report:{id}", ttlSeconds: 60);
            var database = new FakeDatabase<string>("loaded");
            var latencies = new List<double>();
            var start = new Gate();
            var tasks = new List<Task>();
            foreach (var engine in set.Engines)
            {
                var method = Cached.Method<string>(engine, policy);
                for (var i = 0; i < callers; i++)
                {
                    tasks.Add(Task.Run(async () =>
                    {
                        await start.WaitAsync();
                        var watch = Stopwatch.StartNew();
                        var value = await method.GetAsync("r1", async ct => { await Task.Delay(loaderMs, ct); return database.Read(); });
                        watch.Stop();
                        Assert.Equal("loaded", value);
                        lock (latencies)
                        {
                            latencies.Add(watch.Elapsed.TotalMilliseconds);
                        }
                    }));
                }
            }

            start.Open();
            await Task.WhenAll(tasks);
            Assert.Equal(1, database.Loads);
            if (!report)
            {
                continue; // The first round warms up the JIT and the script cache.
            }

            output.WriteLine($"stampede {engines}x{callers} on {server.Description}: loader {loaderMs} ms, caller p50 {Cached.Percentile(latencies, 50):F1} ms, p99 {Cached.Percentile(latencies, 99):F1} ms, max {latencies.Max():F1} ms");
        }
    }

    private static async Task StampedeAsync(string endpoint, int engines, int callersPerEngine)
    {
        await using var set = await EngineSet.StartAsync(endpoint, engines);
        var policy = new CachePolicy("product:{id}", ttlSeconds: 60);
        var database = new FakeDatabase<string>("v1");
        var total = engines * callersPerEngine;
        var issued = 0;
        var allIssued = new Signal<bool>();
        var start = new Gate();
        var release = new Gate();
        var calls = new List<Task<string>>();
        foreach (var engine in set.Engines)
        {
            var method = Cached.Method<string>(engine, policy);
            for (var i = 0; i < callersPerEngine; i++)
            {
                calls.Add(Task.Run(async () =>
                {
                    await start.WaitAsync();
                    var call = method.GetAsync("42", async _ =>
                    {
                        var value = database.Read();
                        await release.WaitAsync();
                        return value;
                    });
                    if (Interlocked.Increment(ref issued) == total)
                    {
                        allIssued.Raise(true);
                    }

                    return await call;
                }));
            }
        }

        // Every caller is in flight while the one load is held open; then the load completes.
        start.Open();
        await allIssued.WaitAsync();
        release.Open();
        var values = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, database.Loads);
        Assert.Equal(total, values.Length);
        Assert.All(values, v => Assert.Equal("v1", v));
    }
}
