using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace CacheGen.Benchmarks;

/// <summary>
/// What tracing costs: the same generated reads with nothing listening to ActivitySource "CacheGen" (the baseline of
/// each category: the L1 hit must allocate nothing) and with a listener that records every span, as an OpenTelemetry
/// tracer sampling everything does. BenchmarkDotNet runs each benchmark in a process of its own, so the listener of
/// the traced ones is never present in the baselines' process.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TracingBenchmarks
{
    private RedisProcess _redis = null!;
    private ServiceProvider _services = null!;
    private IReports _reports = null!;
    private ActivityListener? _listener;
    private int _next;

    [GlobalSetup(Targets = [nameof(L1_hit), nameof(Redis_hit), nameof(Miss)])]
    public Task Setup() => StartAsync(listen: false);

    [GlobalSetup(Targets = [nameof(L1_hit_traced), nameof(Redis_hit_traced), nameof(Miss_traced)])]
    public Task SetupTraced() => StartAsync(listen: true);

    private async Task StartAsync(bool listen)
    {
        if (listen)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == CacheGenTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        _redis = new RedisProcess();
        _services = new ServiceCollection()
            .AddCacheGen(o => { o.Redis = _redis.Endpoint; o.KeyPrefix = "cgtr:"; })
            .AddCached<IReports, Reports>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        await _services.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        _reports = _services.GetRequiredService<IReports>();
        await _reports.WithL1Async(2024, 5);
        await _reports.RedisOnlyAsync(2024, 5);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _listener?.Dispose();
        await _services.DisposeAsync();
        _redis.Dispose();
    }

    [Benchmark(Baseline = true, Description = "L1 hit, no listener")]
    [BenchmarkCategory("L1")]
    public Task<Report> L1_hit() => _reports.WithL1Async(2024, 5);

    [Benchmark(Description = "L1 hit, traced")]
    [BenchmarkCategory("L1")]
    public Task<Report> L1_hit_traced() => _reports.WithL1Async(2024, 5);

    [Benchmark(Baseline = true, Description = "Redis hit, no listener")]
    [BenchmarkCategory("Redis")]
    public Task<Report> Redis_hit() => _reports.RedisOnlyAsync(2024, 5);

    [Benchmark(Description = "Redis hit, traced")]
    [BenchmarkCategory("Redis")]
    public Task<Report> Redis_hit_traced() => _reports.RedisOnlyAsync(2024, 5);

    [Benchmark(Baseline = true, Description = "miss, load, write, no listener")]
    [BenchmarkCategory("Miss")]
    public Task<Report> Miss() => _reports.RedisOnlyAsync(3000, Interlocked.Increment(ref _next));

    [Benchmark(Description = "miss, load, write, traced")]
    [BenchmarkCategory("Miss")]
    public Task<Report> Miss_traced() => _reports.RedisOnlyAsync(3000, Interlocked.Increment(ref _next));
}
