using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace CacheGen.Benchmarks;

/// <summary>
/// What tags cost, in one run against one Redis: the same generated reads with and without two tags
/// (<c>"bench"</c> and <c>"bench:{year}"</c>), and a tag invalidation against a key invalidation. Ratios are within
/// each category, against the untagged read (or the key invalidation).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TagBenchmarks
{
    private RedisProcess _redis = null!;
    private ServiceProvider _services = null!;
    private IReports _reports = null!;
    private ICacheInvalidator _invalidator = null!;
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        _redis = new RedisProcess();
        _services = new ServiceCollection()
            .AddCacheGen(o => { o.Redis = _redis.Endpoint; o.KeyPrefix = "cgt:"; })
            .AddCached<IReports, Reports>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        await _services.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        _reports = _services.GetRequiredService<IReports>();
        _invalidator = _services.GetRequiredService<ICacheInvalidator>();
        await L1_hit();
        await L1_hit_tagged();
        await Redis_hit();
        await Redis_hit_tagged();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _services.DisposeAsync();
        _redis.Dispose();
    }

    [Benchmark(Baseline = true, Description = "L1 hit")]
    [BenchmarkCategory("L1")]
    public Task<Report> L1_hit() => _reports.WithL1Async(2024, 5);

    [Benchmark(Description = "L1 hit, 2 tags")]
    [BenchmarkCategory("L1")]
    public Task<Report> L1_hit_tagged() => _reports.WithL1TaggedAsync(2024, 5);

    [Benchmark(Baseline = true, Description = "Redis hit")]
    [BenchmarkCategory("Redis")]
    public Task<Report> Redis_hit() => _reports.RedisOnlyAsync(2024, 5);

    [Benchmark(Description = "Redis hit, 2 tags")]
    [BenchmarkCategory("Redis")]
    public Task<Report> Redis_hit_tagged() => _reports.RedisOnlyTaggedAsync(2024, 5);

    [Benchmark(Baseline = true, Description = "miss, load, write")]
    [BenchmarkCategory("Miss")]
    public Task<Report> Miss() => _reports.RedisOnlyAsync(3000, Interlocked.Increment(ref _next));

    [Benchmark(Description = "miss, load, write, 2 tags")]
    [BenchmarkCategory("Miss")]
    public Task<Report> Miss_tagged() => _reports.RedisOnlyTaggedAsync(3000, Interlocked.Increment(ref _next));

    [Benchmark(Baseline = true, Description = "key invalidation")]
    [BenchmarkCategory("Invalidate")]
    public Task Invalidate_key() => _invalidator.InvalidateAsync("bench-redis:1999:1");

    [Benchmark(Description = "tag invalidation")]
    [BenchmarkCategory("Invalidate")]
    public Task Invalidate_tag() => _invalidator.InvalidateTagAsync("bench:1999");
}
