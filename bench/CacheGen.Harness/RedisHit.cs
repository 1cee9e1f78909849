using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CacheGen.Harness;

public sealed record Revenue(int Year, int Month, decimal Total);

public interface IHitReports
{
    Task<Revenue> GetAsync(int year, int month, CancellationToken ct = default);
}

/// <summary>A Redis-only cached method (no L1), as in the BenchmarkDotNet Redis-hit case.</summary>
public sealed class HitReports : IHitReports
{
    [Cached("hit:{year}:{month}", TtlSeconds = 3600)]
    public Task<Revenue> GetAsync(int year, int month, CancellationToken ct) => Task.FromResult(new Revenue(year, month, 1234.5m));
}

/// <summary>The Redis-hit ratio of CacheGen to hand-written cache-aside, in interleaved rounds.</summary>
/// <param name="Ratio">Median over rounds of (CacheGen time / hand-written time) in the same round.</param>
public sealed record RedisHitSummary(int Rounds, int CallsPerRound, double CacheGenMedianUs, double HandWrittenMedianUs, double Ratio, double RatioP25, double RatioP75);

/// <summary>
/// BenchmarkDotNet runs one benchmark after the other, so on a shared machine a slow minute lands on one side only.
/// Here the two alternate in short rounds on one connection each, and the figure is the median of the per-round
/// ratios: drift common to both cancels out.
/// </summary>
public static class RedisHit
{
    public static async Task<RedisHitSummary> RunAsync(string endpoint, int rounds = 1001, int callsPerRound = 100)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        await using var services = new ServiceCollection()
            .AddCacheGen(o => { o.Redis = endpoint; o.KeyPrefix = "cg:"; })
            .AddCached<IHitReports, HitReports>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        await services.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        var reports = services.GetRequiredService<IHitReports>();
        var db = connection.GetDatabase();
        await db.StringSetAsync("hw:hit:2024:5", JsonSerializer.SerializeToUtf8Bytes(new Revenue(2024, 5, 1234.5m)), TimeSpan.FromHours(1));

        async Task<Revenue> HandWrittenAsync(int year, int month)
        {
            var key = $"hw:hit:{year}:{month}";
            var cached = await db.StringGetAsync(key);
            if (cached.HasValue)
            {
                return JsonSerializer.Deserialize<Revenue>((ReadOnlySpan<byte>)(byte[])cached!)!;
            }

            var loaded = new Revenue(year, month, 1234.5m);
            await db.StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(loaded), TimeSpan.FromHours(1));
            return loaded;
        }

        async Task<double> TimeAsync(Func<Task<Revenue>> call)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < callsPerRound; i++)
            {
                await call();
            }

            return Stopwatch.GetElapsedTime(started).TotalMicroseconds / callsPerRound;
        }

        Func<Task<Revenue>> cacheGen = () => reports.GetAsync(2024, 5);
        Func<Task<Revenue>> handWritten = () => HandWrittenAsync(2024, 5);
        await TimeAsync(cacheGen); // warm-up: fills Redis, JIT, tiering
        await TimeAsync(handWritten);
        await TimeAsync(cacheGen);
        await TimeAsync(handWritten);

        var ours = new List<double>();
        var theirs = new List<double>();
        var ratios = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so neither always follows the other.
            double a, b;
            if (round % 2 == 0)
            {
                a = await TimeAsync(cacheGen);
                b = await TimeAsync(handWritten);
            }
            else
            {
                b = await TimeAsync(handWritten);
                a = await TimeAsync(cacheGen);
            }

            ours.Add(a);
            theirs.Add(b);
            ratios.Add(a / b);
        }

        return new RedisHitSummary(rounds, callsPerRound, Stats.Median(ours), Stats.Median(theirs), Stats.Median(ratios), Stats.Percentile(ratios, 25), Stats.Percentile(ratios, 75));
    }
}
