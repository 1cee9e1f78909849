using System.Net.Http.Json;
using System.Text.Json;
using CacheGen.AspNetCore.Tests.Infrastructure;
using CacheGen.Tool.Tests.Infrastructure;
using CacheGen.Tool.Trace;
using Xunit.Abstractions;

namespace CacheGen.Tool.Tests;

/// <summary>The revenue report of the Storefront sample traced before and after a price write, with and without a CDN.</summary>
public sealed class TraceTests(StorefrontHost storefront, ITestOutputHelper output) : IClassFixture<StorefrontHost>
{
    private const string Report = "reports/revenue/2026/6";
    private const string Key = "revenue:2026:6";

    [Fact]
    public async Task Direct_to_the_application_the_layers_show_the_entry_then_its_invalidation_and_reload()
    {
        var url = new Uri(storefront.Address, Report);

        // The built tool, as a user runs it: the first request loads the report.
        var (exit, stdout, stderr) = await ToolProcess.RunAsync("trace", url.ToString(), "--redis", storefront.Redis.Endpoint, "--prefix", "storefront:", "--json");
        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        using (var json = JsonDocument.Parse(stdout))
        {
            var layers = json.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()!).ToArray();
            Assert.Equal(["browser", "cdn", "application", "redis"], layers);
            var key = json.RootElement.GetProperty("keys")[0];
            Assert.Equal((Key, "fresh"), (key.GetProperty("key").GetString(), key.GetProperty("state").GetString()));
        }

        var before = await TraceAsync(url);
        Assert.Equal("revenue L1=HIT Redis=-", Fact(before, "application", "X-Cache"));
        Assert.Equal(["browser-revalidates"], Codes(before, "browser"));
        Assert.Equal(["no-cdn"], Codes(before, "cdn"));
        Assert.Equal(["redis-fresh", "tag-current"], Codes(before, "redis"));
        Assert.Equal(["k:revenue:2026:6", "t:revenue"], before.SurrogateKeys);
        var tokenBefore = Assert.Single(before.Tags).Token;
        Assert.Equal([tokenBefore], Assert.Single(before.Keys).TagTokens);

        await WritePriceAsync();

        // Before any read: the entry is still in Redis, but its tag token is gone.
        using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(storefront.Redis.Endpoint))
        {
            var inspector = new RedisInspector(redis.GetDatabase(), "storefront:");
            var tags = await inspector.TagsAsync(["revenue"]);
            Assert.Equal(0, Assert.Single(tags).Token);
            Assert.Equal("invalidated", Assert.Single(await inspector.KeysAsync([Key], tags)).State);
        }

        var after = await TraceAsync(url);
        Assert.Equal("revenue L1=MISS Redis=MISS", Fact(after, "application", "X-Cache"));
        Assert.Equal(["loaded"], Codes(after, "application"));
        Assert.Equal(["redis-fresh", "tag-current"], Codes(after, "redis"));
        Assert.NotEqual(tokenBefore, Assert.Single(after.Tags).Token);
        Assert.NotEqual(before.Response.BodySha256, after.Response.BodySha256);
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(after.Layers.SelectMany(l => l.Verdicts)));
    }

    [VarnishFact]
    public async Task Behind_Varnish_the_layers_show_a_stale_CDN_copy_after_a_write_then_a_miss_and_fresh_data_after_the_purge()
    {
        using var varnish = await VarnishProcess.StartAsync(storefront.Address);
        var url = new Uri(varnish.Address, Report);

        var first = await TraceAsync(url, origin: true);
        Assert.Equal("MISS", Fact(first, "cdn", "verdict"));
        Assert.Equal(["redis-fresh", "tag-current"], Codes(first, "redis"));
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(first.Layers.SelectMany(l => l.Verdicts)));

        var second = await TraceAsync(url, origin: true);
        Assert.Equal("HIT", Fact(second, "cdn", "verdict"));
        Assert.Equal(["cdn-hit", "cdn-copy-current"], Codes(second, "cdn"));
        Assert.False(second.Response.Headers.ContainsKey("xkey")); // Varnish removes xkey: the keys came from the origin
        Assert.Equal(["k:revenue:2026:6", "t:revenue"], second.SurrogateKeys);

        // The sample's web API has no purger: after the write, Varnish keeps serving the report it stored.
        await WritePriceAsync();
        var stale = await TraceAsync(url, origin: true, "--key", Key, "--tag", "revenue");
        Assert.Equal("HIT", Fact(stale, "cdn", "verdict"));
        Assert.Contains("cdn-stale-copy", Codes(stale, "cdn"));
        Assert.Equal(Severity.Error, stale.Layers.Single(l => l.Name == "cdn").Verdicts.Single(v => v.Code == "cdn-stale-copy").Severity);
        Assert.Equal("revenue L1=MISS Redis=MISS", Fact(stale, "application", "origin X-Cache"));
        Assert.Equal(["redis-invalidated", "tag-absent"], Codes(stale, "redis")); // read before the origin's request reloaded it
        Assert.Equal(ExitCodes.Findings, ExitCodes.For(stale.Layers.SelectMany(l => l.Verdicts)));

        // What a Varnish purger sends for the tag: the next request misses and is fresh at every layer.
        using (var purge = new HttpRequestMessage(new HttpMethod("PURGE"), varnish.Address))
        {
            purge.Headers.Add("xkey-purge", "t:revenue");
            Assert.True((await storefront.Client.SendAsync(purge)).IsSuccessStatusCode);
        }

        var purged = await TraceAsync(url, origin: true);
        Assert.Equal("MISS", Fact(purged, "cdn", "verdict"));
        Assert.Equal(purged.OriginResponse!.BodySha256, purged.Response.BodySha256);
        Assert.Equal(["redis-fresh", "tag-current"], Codes(purged, "redis"));
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(purged.Layers.SelectMany(l => l.Verdicts)));
    }

    private async Task<TraceReport> TraceAsync(Uri url, bool origin = false, params string[] more)
    {
        var keys = more.Where((_, i) => i % 2 == 1 && more[i - 1] == "--key").ToArray();
        var tags = more.Where((_, i) => i % 2 == 1 && more[i - 1] == "--tag").ToArray();
        var report = await new TraceRunner(new TraceOptions
        {
            Url = url,
            Redis = storefront.Redis.Endpoint,
            Prefix = "storefront:",
            Origin = origin ? storefront.Address : null,
            Keys = keys,
            Tags = tags,
        }).RunAsync();
        var text = new StringWriter();
        TraceText.Write(text, report);
        output.WriteLine(text.ToString());
        return report;
    }

    private async Task WritePriceAsync()
    {
        var product = await storefront.Client.GetFromJsonAsync<JsonElement>(new Uri(storefront.Address, "products/1"));
        var price = product.GetProperty("price").GetDecimal() + 1.25m;
        var response = await storefront.Client.PutAsJsonAsync(new Uri(storefront.Address, "products/1"), new { price });
        response.EnsureSuccessStatusCode();
    }

    private static string[] Codes(TraceReport report, string layer) =>
        report.Layers.Single(l => l.Name == layer).Verdicts.Select(v => v.Code).ToArray();

    private static string? Fact(TraceReport report, string layer, string name) =>
        report.Layers.Single(l => l.Name == layer).Facts.GetValueOrDefault(name);
}
