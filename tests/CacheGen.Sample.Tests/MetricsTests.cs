using System.Globalization;
using System.Text.RegularExpressions;
using CacheGen.Tests.Infrastructure;

namespace CacheGen.Sample.Tests;

/// <summary>The duration histograms on the sample's <c>/metrics</c>: in seconds, spread over buckets made for them.</summary>
[Collection(StorefrontTestGroup.Name)]
public sealed partial class MetricsTests(RedisServerFixture redis)
{
    [Fact]
    public async Task The_sample_reports_its_health_and_marks_revenue_critical_for_the_alert_rules()
    {
        var (app, client) = await StorefrontApp.StartAsync(redis);
        await using var _ = app;

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Matches(@"(?m)^cachegen_keyspace_critical\{[^}]*keyspace=""revenue""[^}]*\} 1\b", metrics);
        Assert.Matches(@"(?m)^cachegen_invalidations_queue_length\{[^}]*\} 0\b", metrics);
    }

    [Fact]
    public async Task Redis_reads_and_50_ms_loads_land_in_their_own_buckets()
    {
        var (app, client) = await StorefrontApp.StartAsync(redis);
        await using var _ = app;

        // A first miss warms the process up; then every load waits 50 ms for the database, and every month is a miss:
        // one Redis read and one load each.
        (await client.GetAsync("/reports/revenue/2026/1")).EnsureSuccessStatusCode();
        var warmUp = Buckets(await client.GetStringAsync("/metrics"), "cachegen_load_duration_seconds"); // taken off below: it may be fast
        app.Commands.Delay = TimeSpan.FromMilliseconds(50);
        for (var month = 2; month <= 11; month++)
        {
            (await client.GetAsync($"/reports/revenue/2026/{month}")).EnsureSuccessStatusCode();
        }

        var metrics = await client.GetStringAsync("/metrics");
        var load = Buckets(metrics, "cachegen_load_duration_seconds").ToDictionary(b => b.Key, b => b.Value - warmUp.GetValueOrDefault(b.Key));
        var cache = Buckets(metrics, "cachegen_cache_duration_seconds");

        // Boundaries from 100 µs up, not the milliseconds-made defaults (0, 5, 10, 25, …) where all of this is in le="5".
        Assert.Contains(0.0001, load.Keys);
        Assert.Contains(0.05, load.Keys);
        Assert.Contains(0.001, cache.Keys);

        // Every load waited 50 ms: none at or under 50 ms, most under a second.
        var loads = load[double.PositiveInfinity];
        Assert.True(loads >= 10, $"expected at least 10 loads, saw {loads}");
        Assert.Equal(0, load[0.05]);
        Assert.True(load[1] >= loads / 2, $"most 50 ms loads should be under 1 s: {Describe(load)}");

        // Redis reads on loopback: most within 10 ms, far below the first bucket that default boundaries would offer.
        var reads = cache[double.PositiveInfinity];
        Assert.True(reads >= 10, $"expected at least 10 Redis reads, saw {reads}");
        Assert.True(cache[0.01] >= reads / 2, $"most Redis reads should be within 10 ms: {Describe(cache)}");
    }

    // The cumulative bucket counts of one histogram, summed over its label sets, by upper bound (+Inf included).
    private static Dictionary<double, long> Buckets(string metrics, string name)
    {
        var buckets = new Dictionary<double, long>();
        foreach (Match match in BucketLine().Matches(metrics))
        {
            if (match.Groups["name"].Value != name)
            {
                continue;
            }

            var bound = match.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(match.Groups["le"].Value, CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + long.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        }

        Assert.True(buckets.Count > 0, $"no {name}_bucket lines in /metrics");
        return buckets;
    }

    private static string Describe(Dictionary<double, long> buckets) =>
        string.Join(", ", buckets.OrderBy(b => b.Key).Select(b => $"le={b.Key.ToString(CultureInfo.InvariantCulture)}: {b.Value}"));

    [GeneratedRegex(@"^(?<name>\w+)_bucket\{[^}]*le=""(?<le>[^""]+)""[^}]*\} (?<count>\d+)", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
