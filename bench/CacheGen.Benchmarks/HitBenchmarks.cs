using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace CacheGen.Benchmarks;

/// <summary>
/// Cache hits, misses and invalidations, side by side in one run: CacheGen's generated decorator, FusionCache 2.9 (L1 +
/// Redis + the Redis backplane), HybridCache 10.11 (L1 + Redis; it has no backplane), and hand-written cache-aside over
/// StackExchange.Redis + System.Text.Json (no L1). Keys of int parameters.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class HitBenchmarks
{
    private RedisProcess _redis = null!;
    private ServiceProvider _cacheGen = null!;
    private IReports _reports = null!;
    private ServiceProvider _hybridServices = null!;
    private HybridCache _hybrid = null!;
    private FusionCache _fusion = null!;
    private ConnectionMultiplexer _mux = null!;
    private IDatabase _db = null!;

    private static readonly HybridCacheEntryOptions HybridRedisOnly = new() { Flags = HybridCacheEntryFlags.DisableLocalCache };
    private static readonly FusionCacheEntryOptions FusionRedisOnly = new() { SkipMemoryCacheRead = true, SkipMemoryCacheWrite = true, Duration = TimeSpan.FromHours(1) };
    private static readonly Func<CancellationToken, ValueTask<Report>> LoadHybrid = static _ => ValueTask.FromResult(new Report(2024, 5, 1234.5m));

    [GlobalSetup]
    public async Task Setup()
    {
        _redis = new RedisProcess();
        _cacheGen = new ServiceCollection()
            .AddCacheGen(o => { o.Redis = _redis.Endpoint; o.KeyPrefix = "cg:"; })
            .AddCached<IReports, Reports>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        await _cacheGen.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        _reports = _cacheGen.GetRequiredService<IReports>();
        _invalidator = _cacheGen.GetRequiredService<ICacheInvalidator>();

        var hybridServices = new ServiceCollection();
        hybridServices.AddStackExchangeRedisCache(o => { o.Configuration = _redis.Endpoint; o.InstanceName = "hy:"; });
        hybridServices.AddHybridCache();
        _hybridServices = hybridServices.BuildServiceProvider();
        _hybrid = _hybridServices.GetRequiredService<HybridCache>();

        _fusion = new FusionCache(new FusionCacheOptions { DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TimeSpan.FromHours(1) } });
        _fusion.SetupDistributedCache(
            new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache(new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions { Configuration = _redis.Endpoint, InstanceName = "fu:" }),
            new FusionCacheSystemTextJsonSerializer());
        _fusion.SetupBackplane(new RedisBackplane(new RedisBackplaneOptions { Configuration = _redis.Endpoint }));

        _mux = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint);
        _db = _mux.GetDatabase();

        // Fill every cache once.
        await CacheGen_L1_hit();
        await CacheGen_Redis_hit();
        await FusionCache_L1_hit();
        await FusionCache_Redis_hit();
        await HybridCache_L1_hit();
        await HybridCache_Redis_hit();
        await _db.StringSetAsync("hw:report:2024:5", JsonSerializer.SerializeToUtf8Bytes(new Report(2024, 5, 1234.5m)), TimeSpan.FromHours(1));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _cacheGen.DisposeAsync();
        await _hybridServices.DisposeAsync();
        _fusion.Dispose();
        await _mux.DisposeAsync();
        _redis.Dispose();
    }

    private int _next;
    private ICacheInvalidator _invalidator = null!;

    [Benchmark(Description = "CacheGen miss, load, write")]
    [BenchmarkCategory("Miss")]
    public Task<Report> CacheGen_miss() => _reports.RedisOnlyAsync(3000, Interlocked.Increment(ref _next));

    [Benchmark(Description = "hand-written cache-aside miss, load, write")]
    [BenchmarkCategory("Miss")]
    public async Task<Report> HandWritten_miss()
    {
        var key = $"hw:report:{3000}:{Interlocked.Increment(ref _next)}";
        var cached = await _db.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<Report>((ReadOnlySpan<byte>)(byte[])cached!)!;
        }

        var loaded = new Report(3000, 1, 1234.5m);
        await _db.StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(loaded), TimeSpan.FromHours(1));
        return loaded;
    }

    [Benchmark(Description = "FusionCache miss, load, write")]
    [BenchmarkCategory("Miss")]
    public ValueTask<Report> FusionCache_miss() => _fusion.GetOrSetAsync<Report>($"miss:{Interlocked.Increment(ref _next)}", static (_, _) => Task.FromResult(new Report(3000, 1, 1234.5m)));

    [Benchmark(Description = "HybridCache miss, load, write")]
    [BenchmarkCategory("Miss")]
    public ValueTask<Report> HybridCache_miss() => _hybrid.GetOrCreateAsync($"miss:{Interlocked.Increment(ref _next)}", LoadHybrid);

    [Benchmark(Description = "CacheGen invalidation (DEL value+lease, publish)")]
    [BenchmarkCategory("Invalidate")]
    public Task CacheGen_invalidate() => _invalidator.InvalidateAsync("bench-redis:2024:5");

    [Benchmark(Description = "hand-written delete + publish")]
    [BenchmarkCategory("Invalidate")]
    public async Task HandWritten_invalidate()
    {
        await _db.KeyDeleteAsync("hw:report:2024:5");
        await _db.PublishAsync(RedisChannel.Literal("hw_invalidation"), "hw:report:2024:5");
    }

    [Benchmark(Description = "FusionCache remove (+ backplane)")]
    [BenchmarkCategory("Invalidate")]
    public ValueTask FusionCache_invalidate() => _fusion.RemoveAsync("report:2024:5");

    [Benchmark(Description = "HybridCache remove")]
    [BenchmarkCategory("Invalidate")]
    public ValueTask HybridCache_invalidate() => _hybrid.RemoveAsync("report:2024:5");

    [Benchmark(Description = "CacheGen L1 hit")]
    [BenchmarkCategory("L1")]
    public Task<Report> CacheGen_L1_hit() => _reports.WithL1Async(2024, 5);

    [Benchmark(Description = "FusionCache L1 hit")]
    [BenchmarkCategory("L1")]
    public ValueTask<Report> FusionCache_L1_hit() => _fusion.GetOrSetAsync<Report>("report:2024:5", static (_, _) => Task.FromResult(new Report(2024, 5, 1234.5m)));

    [Benchmark(Description = "HybridCache L1 hit")]
    [BenchmarkCategory("L1")]
    public ValueTask<Report> HybridCache_L1_hit() => _hybrid.GetOrCreateAsync("report:2024:5", LoadHybrid);

    [Benchmark(Description = "CacheGen Redis hit (no L1)")]
    [BenchmarkCategory("Redis")]
    public Task<Report> CacheGen_Redis_hit() => _reports.RedisOnlyAsync(2024, 5);

    [Benchmark(Description = "hand-written cache-aside Redis hit")]
    [BenchmarkCategory("Redis")]
    public async Task<Report> HandWritten_Redis_hit()
    {
        var key = $"hw:report:{2024}:{5}";
        var cached = await _db.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<Report>((ReadOnlySpan<byte>)(byte[])cached!)!;
        }

        var loaded = new Report(2024, 5, 1234.5m);
        await _db.StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(loaded), TimeSpan.FromHours(1));
        return loaded;
    }

    [Benchmark(Description = "FusionCache Redis hit (memory skipped)")]
    [BenchmarkCategory("Redis")]
    public ValueTask<Report> FusionCache_Redis_hit() => _fusion.GetOrSetAsync<Report>("report-r:2024:5", static (_, _) => Task.FromResult(new Report(2024, 5, 1234.5m)), options: FusionRedisOnly);

    [Benchmark(Description = "HybridCache Redis hit (local cache disabled)")]
    [BenchmarkCategory("Redis")]
    public ValueTask<Report> HybridCache_Redis_hit() => _hybrid.GetOrCreateAsync("report-r:2024:5", LoadHybrid, HybridRedisOnly);
}
