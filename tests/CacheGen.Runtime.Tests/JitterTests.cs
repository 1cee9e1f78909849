using System.Diagnostics;
using CacheGen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class JitterTests(RedisServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task Ttls_are_spread_uniformly_within_the_jitter_band()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("j:{id}", ttlSeconds: 100, jitterPercent: 10));
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < 10; batch++)
        {
            await Task.WhenAll(Enumerable.Range(batch * 100, 100).Select(i => method.GetAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), () => "v").AsTask()));
        }

        var redis = set[0].Connection!.GetDatabase();
        var ttls = new List<double>();
        for (var i = 0; i < 1000; i++)
        {
            var ttl = await redis.KeyTimeToLiveAsync(set.ValueKey(method.FormatKey(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.NotNull(ttl);
            ttls.Add(ttl.Value.TotalSeconds);
        }

        // A TTL read back has run down by at most the time since the first write.
        var elapsed = watch.Elapsed.TotalSeconds;
        Assert.All(ttls, t => Assert.InRange(t, 90 - elapsed, 110));
        var covered = ttls.Max() - ttls.Min();
        output.WriteLine($"1,000 TTLs: min {ttls.Min():F2} s, max {ttls.Max():F2} s, covering {covered / 20:P0} of [90, 110] s; read back within {elapsed:F1} s");
        Assert.True(covered >= 16, $"TTLs cover only {covered:F1} s of the 20 s band");

        // Uniform, not clumped: each of the ten 2-second bins holds some of them.
        var bins = ttls.GroupBy(t => Math.Clamp((int)((t - 90 + elapsed / 2) / 2), 0, 9)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, bins.Count);
    }

    [Fact]
    public void Zero_jitter_gives_the_exact_ttl()
    {
        var policy = new CachePolicy("j:{id}", ttlSeconds: 100, jitterPercent: 0);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(100_000, policy.NextFreshMilliseconds(Random.Shared)));
    }
}
