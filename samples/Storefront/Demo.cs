using System.Diagnostics;
using System.Diagnostics.Metrics;
using CacheGen;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront;

/// <summary>
/// `dotnet run --project samples/Storefront -- demo`: a stampede, a write and a stale read, on two application instances (two
/// engines, each with its own Redis connection) sharing one database and one Redis.
/// </summary>
public static class Demo
{
    private const int Year = Seeder.FirstYear + 1;
    private const int Month = 12;

    public static async Task<int> RunAsync()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var (redis, garnet) = StorefrontServices.Redis(configuration, Say);
        try
        {
            var counter = new QueryCounter();
            await using var instanceA = Instance(redis, counter);
            await using var instanceB = Instance(redis, counter);
            using (var scope = instanceA.CreateScope())
            {
                await Seeder.EnsureSeededAsync(scope.ServiceProvider.GetRequiredService<ShopDb>(), Say);
            }

            foreach (var instance in new[] { instanceA, instanceB })
            {
                if (!await instance.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30)))
                {
                    Say("Redis did not become ready within 30 s.");
                    return 2;
                }
            }

            using var hits = new HitRatio();
            var rows = new List<(string, string)>();

            Say("[1/5] Measuring the uncached monthly revenue query…");
            var uncached = await UncachedLatencyAsync(instanceA);
            rows.Add(("uncached revenue query (median of 5)", $"{uncached:F0} ms"));

            // Warm both instances (JIT, connections, scripts) on another month, so the stampede measures caching alone.
            foreach (var instance in new[] { instanceA, instanceB })
            {
                using var scope = instance.CreateScope();
                await scope.ServiceProvider.GetRequiredService<IProductRepository>().GetMonthlyRevenueAsync(Year, 1);
            }

            Say("[2/5] Stampede: 500 concurrent requests (250 per instance) for an expired report…");
            var (queries, p50, p99) = await StampedeAsync(instanceA, instanceB, counter);
            rows.Add(("500 concurrent requests for an expired report → database queries", queries.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            rows.Add(("  callers' latency p50 / p99", $"{p50:F0} ms / {p99:F0} ms"));

            Say("[3/5] A write on instance A, then a read on instance B…");
            var (fresh, dropMs) = await WriteThenReadAsync(instanceA, instanceB);
            rows.Add(("read on B after a write on A → fresh value", fresh ? "yes" : "NO"));
            rows.Add(("  time until B's L1 dropped its copy", $"{dropMs:F1} ms"));

            Say("[4/5] Mixed traffic: 1,000 report reads over 24 months on both instances…");
            await MixedTrafficAsync(instanceA, instanceB);
            foreach (var (keyspace, layer, ratio) in hits.Ratios())
            {
                rows.Add(($"hit ratio, keyspace '{keyspace}', {layer}", $"{ratio:P0}"));
            }

            Say("[5/5] Behind a CDN: instance A behind Varnish, a write on instance B, the purge, the next request…");
            var (cdnRows, cdnFresh) = await DemoCdn.RunAsync(redis, counter, Year, Month - 1, Say);
            rows.AddRange(cdnRows ?? []);

            Console.WriteLine();
            var width = rows.Max(r => r.Item1.Length);
            foreach (var (label, value) in rows)
            {
                Console.WriteLine($"  {label.PadRight(width)}  {value}");
            }

            Console.WriteLine();
            var ok = queries == 1 && fresh && cdnFresh;
            Say(ok ? "Demo finished: one database query for the stampede, fresh data after the write." : "Demo FAILED: see the table above.");
            return ok ? 0 : 1;
        }
        finally
        {
            garnet?.Dispose();
        }
    }

    private static ServiceProvider Instance(string redis, QueryCounter counter) =>
        new ServiceCollection().AddStorefront(redis, counter).BuildServiceProvider();

    private static async Task<double> UncachedLatencyAsync(ServiceProvider instance)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            using var scope = instance.CreateScope();
            var repository = ActivatorUtilities.CreateInstance<ProductRepository>(scope.ServiceProvider); // the undecorated class
            var watch = Stopwatch.StartNew();
            await repository.GetMonthlyRevenueAsync(Year, 1 + i, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Median(times);
    }

    private static async Task<(int Queries, double P50, double P99)> StampedeAsync(ServiceProvider a, ServiceProvider b, QueryCounter counter)
    {
        // Expire the report everywhere, then release 500 callers at once.
        await a.GetRequiredService<ICacheInvalidator>().InvalidateAsync($"revenue:{Year}:{Month}");
        var before = counter.RevenueQueries;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var latencies = new double[500];
        var callers = Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var scope = (i % 2 == 0 ? a : b).CreateScope();
            var watch = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<IProductRepository>().GetMonthlyRevenueAsync(Year, Month);
            latencies[i] = watch.Elapsed.TotalMilliseconds;
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(callers);
        var sorted = latencies.Order().ToArray();
        return (counter.RevenueQueries - before, sorted[249], sorted[494]);
    }

    private static async Task<(bool Fresh, double DropMs)> WriteThenReadAsync(ServiceProvider a, ServiceProvider b)
    {
        RevenueReport before;
        using (var scope = b.CreateScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<IProductRepository>().GetMonthlyRevenueAsync(Year, Month); // now in B's L1
        }

        using (var scope = a.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var product = await db.Products.AsNoTracking().FirstAsync(p => p.LastSoldYear == Year && p.LastSoldMonth == Month);
            product.Price += 1m;
            await scope.ServiceProvider.GetRequiredService<IProductRepository>().UpdateProductAsync(product);
        }

        // From the moment A's write (and its invalidation) completed.
        var watch = Stopwatch.StartNew();

        // B's L1 copy is gone when a read on B no longer hits L1 (the broadcast arrived).
        double dropMs;
        while (true)
        {
            using var trace = CacheTrace.Begin();
            using var scope = b.CreateScope();
            var lookedAt = watch.Elapsed.TotalMilliseconds; // the copy was gone by the time this read looked
            await scope.ServiceProvider.GetRequiredService<IProductRepository>().GetMonthlyRevenueAsync(Year, Month);
            if (trace.Entries.Count > 0 && trace.Entries[0].L1 != CacheLayerOutcome.Hit)
            {
                dropMs = lookedAt;
                break;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                return (false, double.NaN);
            }

            await Task.Yield();
        }

        using (var scope = b.CreateScope())
        {
            var after = await scope.ServiceProvider.GetRequiredService<IProductRepository>().GetMonthlyRevenueAsync(Year, Month);
            using var check = a.CreateScope();
            var truth = await ActivatorUtilities.CreateInstance<ProductRepository>(check.ServiceProvider).GetMonthlyRevenueAsync(Year, Month, CancellationToken.None);
            return (after.Revenue == truth.Revenue && after.Revenue != before.Revenue, dropMs);
        }
    }

    private static async Task MixedTrafficAsync(ServiceProvider a, ServiceProvider b)
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            using var scope = (i % 2 == 0 ? a : b).CreateScope();
            var period = random.Next(24);
            await scope.ServiceProvider.GetRequiredService<IProductRepository>().GetMonthlyRevenueAsync(Seeder.FirstYear + (period / 12), (period % 12) + 1);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>cachegen.requests of both instances, by keyspace and layer.</summary>
    private sealed class HitRatio : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string Keyspace, string Layer), (long Hits, long Misses)> _counts = [];

        public HitRatio()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "CacheGen" && instrument.Name == "cachegen.requests")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? keyspace = null, layer = null, outcome = null;
                foreach (var tag in tags)
                {
                    switch (tag.Key)
                    {
                        case "keyspace": keyspace = tag.Value as string; break;
                        case "layer": layer = tag.Value as string; break;
                        case "outcome": outcome = tag.Value as string; break;
                    }
                }

                lock (_counts)
                {
                    _counts.TryGetValue((keyspace ?? "?", layer ?? "?"), out var c);
                    _counts[(keyspace ?? "?", layer ?? "?")] = outcome is "hit" or "stale" ? (c.Hits + value, c.Misses) : (c.Hits, c.Misses + value);
                }
            });
            _listener.Start();
        }

        public List<(string Keyspace, string Layer, double Ratio)> Ratios()
        {
            lock (_counts)
            {
                return _counts.OrderBy(c => c.Key.Keyspace).ThenBy(c => c.Key.Layer)
                    .Select(c => (c.Key.Keyspace, c.Key.Layer, c.Value.Hits / (double)Math.Max(1, c.Value.Hits + c.Value.Misses)))
                    .ToList();
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
