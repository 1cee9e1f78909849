using CacheGen.Internals;
using CacheGen.Tool.Tests.Infrastructure;
using CacheGen.Tool.Trace;

namespace CacheGen.Tool.Tests;

/// <summary>What trace reports for each state a key can be in, written the way CacheGen (or something else) writes it.</summary>
public sealed class RedisInspectorTests(RedisProcess redis) : RedisTest(redis)
{
    private const string Prefix = "shop:";
    private static readonly CachedValueCodec Codec = new(new SystemTextJsonCacheSerializer());

    [Fact]
    public async Task Each_state_of_a_key_is_told_apart()
    {
        var db = Redis.Admin.GetDatabase();
        var now = DateTimeOffset.UtcNow;
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "fresh"), Codec.Encode("v", now.AddMinutes(5).ToUnixTimeMilliseconds()), TimeSpan.FromMinutes(10));
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "stale"), Codec.Encode("v", now.AddMinutes(-1).ToUnixTimeMilliseconds()), TimeSpan.FromMinutes(4));
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "orphan"), Codec.Encode("v", now.AddMinutes(5).ToUnixTimeMilliseconds()));
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "foreign"), "{\"not\":\"an envelope\"}", TimeSpan.FromMinutes(4));
        await db.StringSetAsync(CacheGenLayout.LeaseKey(Prefix, "loading"), LeaseScripts.NewToken(), TimeSpan.FromSeconds(10));
        await db.StringSetAsync(CacheGenLayout.TagKey(Prefix, "catalog"), "42", TimeSpan.FromMinutes(10));
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "tagged:current"), Codec.Encode("v", now.AddMinutes(5).ToUnixTimeMilliseconds(), [42]), TimeSpan.FromMinutes(10));
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "tagged:old"), Codec.Encode("v", now.AddMinutes(5).ToUnixTimeMilliseconds(), [41]), TimeSpan.FromMinutes(10));

        var inspector = new RedisInspector(db, Prefix);
        var tags = await inspector.TagsAsync(["catalog", "never-used"]);
        var keys = (await inspector.KeysAsync(["fresh", "stale", "orphan", "foreign", "loading", "tagged:current", "tagged:old"], tags)).ToDictionary(k => k.Key);

        Assert.Equal([42L, 0L], tags.Select(t => t.Token));
        Assert.Equal("fresh", keys["fresh"].State);
        Assert.Equal("stale", keys["stale"].State);
        Assert.Equal("orphan", keys["orphan"].State);
        Assert.Equal(-1, keys["orphan"].TtlMs);
        Assert.Equal("unreadable", keys["foreign"].State);
        Assert.Equal("absent", keys["loading"].State);
        Assert.InRange(keys["loading"].LeaseTtlMs!.Value, 1, 10_000);
        Assert.Null(keys["fresh"].LeaseTtlMs);
        Assert.Equal("fresh", keys["tagged:current"].State);
        Assert.Equal("invalidated", keys["tagged:old"].State);

        var layers = TraceVerdicts.Judge(Response(), null, [], [], [.. keys.Values], tags, redisRead: true, DateTimeOffset.UtcNow);
        var redisCodes = layers.Single(l => l.Name == "redis").Verdicts.Select(v => (v.Code, v.Severity)).ToList();
        Assert.Contains(("redis-orphan", Severity.Error), redisCodes);
        Assert.Contains(("redis-stale", Severity.Info), redisCodes); // stale-while-revalidate at work, as doctor calls it
        Assert.Contains(("redis-unreadable", Severity.Warning), redisCodes);
        Assert.Contains(("lease-held", Severity.Info), redisCodes);
        Assert.Contains(("redis-invalidated", Severity.Info), redisCodes);
        Assert.Contains(("tag-absent", Severity.Info), redisCodes);
    }

    [Theory]
    [InlineData("public, max-age=300", null, "browser-max-age", Severity.Warning)]
    [InlineData("private, no-store", null, "browser-no-store", Severity.Info)]
    [InlineData("public, max-age=0, s-maxage=60", null, "browser-revalidates", Severity.Info)]
    [InlineData(null, "Fri, 01 Jan 2100 00:00:00 GMT", "browser-expires", Severity.Warning)]
    [InlineData(null, null, "no-cache-control", Severity.Info)]
    public void The_browser_verdict_follows_Cache_Control_and_Expires(string? cacheControl, string? expires, string code, Severity severity)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (cacheControl is not null)
        {
            headers["Cache-Control"] = cacheControl;
        }

        if (expires is not null)
        {
            headers["Expires"] = expires;
        }

        var browser = TraceVerdicts.Judge(Response(headers), null, [], [], [], [], redisRead: false, DateTimeOffset.UtcNow)[0];

        Assert.Equal((code, severity), (Assert.Single(browser.Verdicts).Code, browser.Verdicts[0].Severity));
    }

    [Fact]
    public void A_CDN_hit_built_from_an_entry_Redis_no_longer_holds_is_a_warning_and_a_long_shared_lifetime_too()
    {
        var response = Response(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Age"] = "40", ["Cache-Control"] = "public, max-age=0, s-maxage=7200", ["X-Cache"] = "CDN=HIT, revenue L1=MISS Redis=HIT" });
        var gone = new RedisKeyState { Key = "revenue:2026:6", RedisKey = "shop:{revenue:2026:6}", State = "absent", TtlMs = -2 };

        var cdn = TraceVerdicts.Judge(response, null, TraceRunner.ParseXCache(response.Headers["X-Cache"]), [], [gone], [], redisRead: true, DateTimeOffset.UtcNow)[1];

        Assert.Equal(["cdn-hit", "long-shared-lifetime", "cdn-copy-outlived-entry"], cdn.Verdicts.Select(v => v.Code));
        Assert.Equal(["revenue:2026:6"], cdn.Verdicts[2].Examples);
    }

    [Fact]
    public void X_Cache_and_surrogate_keys_are_read_as_CacheGen_writes_them()
    {
        Assert.Equal(
            [new XCacheEntry("CDN=HIT", Cdn: "HIT"), new XCacheEntry("revenue L1=MISS Redis=STALE", Keyspace: "revenue", L1: "MISS", Redis: "STALE"), new XCacheEntry("product L1=HIT Redis=-", Keyspace: "product", L1: "HIT", Redis: "-")],
            TraceRunner.ParseXCache("CDN=HIT, revenue L1=MISS Redis=STALE, product L1=HIT Redis=-"));
        var response = Response(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["xkey"] = "k:report%3A2026%20june t:revenue ks:report", ["Cache-Tag"] = "t:revenue, t:catalog" });
        Assert.Equal(["k:report:2026 june", "t:revenue", "ks:report", "t:catalog"], TraceRunner.SurrogateKeysOf(response));
    }

    private static TraceResponse Response(Dictionary<string, string>? headers = null) =>
        new("http://shop.example/r", 200, headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), 10, "00", 1);
}
