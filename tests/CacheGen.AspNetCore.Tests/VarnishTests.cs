using System.Diagnostics;
using CacheGen.AspNetCore.Tests.Infrastructure;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CacheGen.AspNetCore.Tests;

/// <summary>
/// Behind a real Varnish (the repository's VCL, xkey): the CDN layer in X-Cache, and after a write on another instance
/// the purge that makes the next request through Varnish fresh — also when Varnish was stopped during the write.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class VarnishTests(RedisServerFixture server, ITestOutputHelper output)
{
    private static async Task<(string Body, string XCache)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync(), response.Headers.TryGetValues("X-Cache", out var values) ? string.Join(", ", values) : "");
    }

    [VarnishFact]
    public async Task Through_Varnish_the_layers_read_top_down_and_a_write_on_another_instance_is_fresh_after_its_purge()
    {
        var shared = RedisServerFixture.NewOptions(server.Endpoint, nameof(Through_Varnish_the_layers_read_top_down_and_a_write_on_another_instance_is_fresh_after_its_purge));
        await using var reader = await TestApp.StartAsync(shared);
        using var varnish = await VarnishProcess.StartAsync(new Uri(reader.Address));
        await using var writer = await TestApp.StartAsync(shared, s => s.AddVarnishPurger(varnish.Address));
        var purging = writer.App.Services.GetRequiredService<CdnPurging>();
        using var http = new HttpClient { BaseAddress = varnish.Address };

        var first = await GetAsync(http, "/reports/a");
        Assert.Equal("CDN=MISS, report L1=MISS Redis=MISS", first.XCache);
        var second = await GetAsync(http, "/reports/a");
        Assert.Equal(first.Body, second.Body);
        Assert.StartsWith("CDN=HIT", second.XCache, StringComparison.Ordinal);

        // Trials: write on the other instance, then read through Varnish until it serves the new row.
        const int Trials = 100;
        var delays = new List<double>();
        for (var trial = 1; trial <= Trials; trial++)
        {
            var id = $"t{trial}";
            await GetAsync(http, $"/reports/{id}");
            Assert.StartsWith("CDN=HIT", (await GetAsync(http, $"/reports/{id}")).XCache, StringComparison.Ordinal);

            TestApp.Reports.Set(id, $"report {id} v{trial}");
            await writer.Engine.InvalidateAsync($"report:{id}"); // what [InvalidatesCache] calls after the write
            var acknowledged = Stopwatch.GetTimestamp();
            string body;
            do
            {
                body = (await GetAsync(http, $"/reports/{id}")).Body;
            }
            while (!body.Contains($"v{trial}", StringComparison.Ordinal) && Stopwatch.GetElapsedTime(acknowledged) < TimeSpan.FromSeconds(10));

            delays.Add(Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds);
            Assert.Contains($"v{trial}", body, StringComparison.Ordinal);
        }

        // Every purge was taken by Varnish in the end (a failed attempt is retried, and would leave keys pending).
        var drained = Stopwatch.StartNew();
        while (purging.Pending > 0 && drained.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, purging.Pending);

        delays.Sort();
        output.WriteLine($"write acknowledged → Varnish fresh over {Trials} trials: p50 {delays[Trials / 2 - 1]:F2} ms, p99 {delays[(int)Math.Ceiling(Trials * 0.99) - 1]:F2} ms, max {delays[^1]:F2} ms");
    }

    [VarnishFact]
    public async Task With_Varnish_stopped_during_writes_no_write_fails_and_the_purges_are_applied_when_it_is_back()
    {
        var shared = RedisServerFixture.NewOptions(server.Endpoint, nameof(With_Varnish_stopped_during_writes_no_write_fails_and_the_purges_are_applied_when_it_is_back));
        await using var reader = await TestApp.StartAsync(shared);
        using var varnish = await VarnishProcess.StartAsync(new Uri(reader.Address));
        await using var writer = await TestApp.StartAsync(shared, s => s.AddCdnPurger(_ => new VarnishPurger(varnish.Address, new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) }), o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(200)));
        var purging = writer.App.Services.GetRequiredService<CdnPurging>();
        using var http = new HttpClient { BaseAddress = varnish.Address };
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            await GetAsync(http, $"/reports/{id}");
            Assert.StartsWith("CDN=HIT", (await GetAsync(http, $"/reports/{id}")).XCache, StringComparison.Ordinal);
        }

        var allPurged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        purging.Purged += _ =>
        {
            if (purging.Pending == 0)
            {
                allPurged.TrySetResult();
            }
        };

        varnish.Pause();
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            TestApp.Reports.Set(id, $"report {id} written while Varnish was stopped");
            await writer.Engine.InvalidateAsync($"report:{id}"); // returns: the CDN is not on the write's path
        }

        Assert.True(purging.Pending > 0, "the purges wait for Varnish");
        varnish.Resume();
        await allPurged.Task.WaitAsync(TimeSpan.FromSeconds(20));
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            Assert.Contains("written while Varnish was stopped", (await GetAsync(http, $"/reports/{id}")).Body, StringComparison.Ordinal);
        }
    }
}
