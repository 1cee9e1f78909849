using System.Net;
using CacheGen.AspNetCore;
using CacheGen.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CacheGen.AspNetCore.Tests;

/// <summary>
/// What the middleware writes: X-Cache per cached call, Cache-Control from endpoint metadata (never on a response that
/// sets a cookie, answers an authenticated request or failed), and surrogate keys naming the keys and tags read.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class HttpHeadersTests(RedisServerFixture server) : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var options = RedisServerFixture.NewOptions(server.Endpoint, nameof(HttpHeadersTests));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddCacheGen(o =>
        {
            o.Redis = options.Redis;
            o.KeyPrefix = options.KeyPrefix;
            o.InvalidationChannel = options.InvalidationChannel;
        });
        builder.Services.AddCacheGenHttp(o => o.SurrogateKeyHeaders = SurrogateKeyHeaders.SurrogateKey | SurrogateKeyHeaders.CacheTag | SurrogateKeyHeaders.XKey);
        _app = builder.Build();
        _app.UseCacheGenHttp();

        static ValueTask<string> Report(ICacheGen cache, int id) =>
            cache.GetOrLoadAsync($"report:{id}", id, static (i, _) => ValueTask.FromResult($"report {i}"), new CacheEntryOptions { LocalTtlSeconds = 60, Tags = ["reports", $"owner:{id % 2}"] });

        _app.MapGet("/report/{id:int}", async (int id, ICacheGen cache) => await Report(cache, id)).CacheAtEdge(TimeSpan.FromSeconds(60), staleWhileRevalidate: TimeSpan.FromSeconds(300));
        _app.MapGet("/uncached", () => "nothing cached").CacheAtEdge(TimeSpan.FromSeconds(60));
        _app.MapGet("/no-metadata/{id:int}", async (int id, ICacheGen cache) => await Report(cache, id));
        _app.MapGet("/cookie/{id:int}", async (int id, ICacheGen cache, HttpResponse response) =>
        {
            response.Cookies.Append("session", "abc");
            return await Report(cache, id);
        }).CacheAtEdge(TimeSpan.FromSeconds(60));
        _app.MapGet("/quiet/{id:int}", async (int id, ICacheGen cache) => await Report(cache, id)).CacheAtEdge(TimeSpan.FromSeconds(60)).WithoutXCache();
        _app.MapGet("/failing/{id:int}", async (int id, ICacheGen cache) =>
        {
            await Report(cache, id);
            return Results.Problem("the database is down");
        }).CacheAtEdge(TimeSpan.FromSeconds(60));
        _app.MapGet("/many/{count:int}/{width:int}", async (int count, int width, ICacheGen cache) =>
        {
            for (var i = 0; i < count; i++)
            {
                await cache.GetOrLoadAsync($"wide:{new string('x', width)}{i}", i, static (n, _) => ValueTask.FromResult(n));
            }

            return count;
        }).CacheAtEdge(TimeSpan.FromSeconds(60));
        _app.MapGet("/tagged/{count:int}", async (int count, ICacheGen cache) =>
        {
            for (var i = 0; i < count; i++)
            {
                await cache.GetOrLoadAsync($"tagged:{i}", i, static (n, _) => ValueTask.FromResult(n), new CacheEntryOptions { Tags = [$"tag-{new string('y', 200)}-{i}"] });
            }

            return count;
        }).CacheAtEdge(TimeSpan.FromSeconds(60));
        _app.MapGet("/own-header", async (ICacheGen cache, HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            return await Report(cache, 9);
        }).CacheAtEdge(TimeSpan.FromSeconds(60));
        await _app.StartAsync();
        _client = _app.GetTestClient();
        await _app.Services.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : "";

    [Fact]
    public async Task A_shared_response_says_what_each_layer_found_how_long_a_CDN_may_keep_it_and_what_it_was_built_from()
    {
        var first = await _client.GetAsync("/report/7");
        Assert.Equal("report L1=MISS Redis=MISS", Header(first, "X-Cache"));
        Assert.Equal("public, max-age=0, s-maxage=60, stale-while-revalidate=300", Header(first, "Cache-Control"));
        Assert.Equal("k:report:7 t:reports t:owner:1", Header(first, "Surrogate-Key"));
        Assert.Equal("k:report:7 t:reports t:owner:1", Header(first, "xkey"));
        Assert.Equal("k:report:7,t:reports,t:owner:1", Header(first, "Cache-Tag"));

        // The L1 hit renders no key of its own: the entry's key and tags are what the trace names.
        var second = await _client.GetAsync("/report/7");
        Assert.Equal("report L1=HIT Redis=-", Header(second, "X-Cache"));
        Assert.Equal("k:report:7 t:reports t:owner:1", Header(second, "Surrogate-Key"));
    }

    [Fact]
    public async Task X_Cache_only_where_a_cached_call_ran_and_Cache_Control_only_where_the_endpoint_asks()
    {
        var uncached = await _client.GetAsync("/uncached");
        Assert.Equal("", Header(uncached, "X-Cache"));
        Assert.Equal("public, max-age=0, s-maxage=60", Header(uncached, "Cache-Control"));
        Assert.Equal("", Header(uncached, "Surrogate-Key"));

        var plain = await _client.GetAsync("/no-metadata/8");
        Assert.StartsWith("report L1=", Header(plain, "X-Cache"), StringComparison.Ordinal);
        Assert.Equal("", Header(plain, "Cache-Control"));
        Assert.Equal("", Header(plain, "Surrogate-Key"));

        var quiet = await _client.GetAsync("/quiet/8");
        Assert.Equal("", Header(quiet, "X-Cache"));
        Assert.Equal("public, max-age=0, s-maxage=60", Header(quiet, "Cache-Control"));
    }

    [Fact]
    public async Task Responses_that_set_a_cookie_answer_an_authenticated_request_or_failed_are_never_shared()
    {
        var cookie = await _client.GetAsync("/cookie/3");
        AssertNotShared(cookie);
        Assert.Equal("", Header(cookie, "Surrogate-Key"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/report/3");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "token");
        var authenticated = await _client.SendAsync(request);
        AssertNotShared(authenticated);

        var failing = await _client.GetAsync("/failing/3");
        Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        AssertNotShared(failing);

        var own = await _client.GetAsync("/own-header");
        Assert.Equal("no-cache", Header(own, "Cache-Control")); // the endpoint's own header is left alone
    }

    private static void AssertNotShared(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true, Public: false, SharedMaxAge: null }, $"Cache-Control: {response.Headers.CacheControl}");

    [Fact]
    public async Task Keys_that_do_not_fit_collapse_to_their_keyspace_and_a_response_no_header_can_name_is_not_shared()
    {
        // 80 keys of ~110 characters: more than the 8,000-character default, so the keys become their keyspace.
        var wide = await _client.GetAsync("/many/80/100");
        Assert.Equal("ks:wide", Header(wide, "Surrogate-Key"));
        Assert.Equal("public, max-age=0, s-maxage=60", Header(wide, "Cache-Control"));

        // Tags do not collapse: 50 tags of ~210 characters cannot be named in 8,000, so no shared copy may exist.
        var tagged = await _client.GetAsync("/tagged/50");
        AssertNotShared(tagged);
        Assert.Equal("", Header(tagged, "Surrogate-Key"));

        // Within the limit, every key is named.
        var narrow = await _client.GetAsync("/many/3/5");
        Assert.Equal("k:wide:xxxxx0 k:wide:xxxxx1 k:wide:xxxxx2", Header(narrow, "Surrogate-Key"));
    }

    [Fact]
    public void Surrogate_keys_escape_what_would_split_or_confuse_a_header()
    {
        Assert.Equal("k:a%20b%2Cc%25d%22e", SurrogateKeys.ForKey("a b,c%d\"e"));
        Assert.Equal("t:caf%C3%A9", SurrogateKeys.ForTag("café"));
        Assert.Equal(["k:revenue:2026:6", "ks:revenue"], SurrogateKeys.ForKeyInvalidation("revenue:2026:6"));
    }
}
