using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;

namespace CacheGen.Sample.Tests;

/// <summary>What a client of the sample sees: problem details, validated input, the X-Cache header, quiet logs.</summary>
[Collection(StorefrontTestGroup.Name)]
public sealed class SampleBehaviourTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Bad_input_is_a_validation_problem_and_creates_no_cache_entry()
    {
        var (app, client) = await StorefrontApp.StartAsync(redis);
        await using var _ = app;

        var month = await client.GetAsync("/reports/revenue/2026/13");
        await AssertProblem(month, HttpStatusCode.BadRequest, "month");
        var year = await client.GetAsync("/reports/revenue/1800/1");
        await AssertProblem(year, HttpStatusCode.BadRequest, "year");
        Assert.False(year.Headers.Contains("X-Cache"), "no cached call ran for a rejected request");

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: "storefront:*1800*"))
        {
            keys.Add(key);
        }

        Assert.Empty(keys);

        var before = await client.GetFromJsonAsync<JsonElement>("/products/1");
        var negative = await client.PutAsJsonAsync("/products/1", new { price = -5m });
        await AssertProblem(negative, HttpStatusCode.BadRequest, "price");
        var blank = await client.PutAsJsonAsync("/products/1", new { name = "  " });
        await AssertProblem(blank, HttpStatusCode.BadRequest, "name");
        var after = await client.GetFromJsonAsync<JsonElement>("/products/1");
        Assert.Equal(before.GetProperty("price").GetDecimal(), after.GetProperty("price").GetDecimal());
        Assert.Equal(before.GetProperty("name").GetString(), after.GetProperty("name").GetString());
    }

    [Fact]
    public async Task After_a_price_change_every_revenue_month_the_product_sold_in_is_fresh()
    {
        var (app, client) = await StorefrontApp.StartAsync(redis);
        await using var _ = app;
        var months = Enumerable.Range(0, 24).Select(i => (Year: Storefront.Data.Seeder.FirstYear + (i / 12), Month: (i % 12) + 1)).ToArray();

        // Every month cached, in Redis and in this instance's L1.
        foreach (var (year, month) in months)
        {
            await client.GetFromJsonAsync<JsonElement>($"/reports/revenue/{year}/{month}");
            var again = await client.GetAsync($"/reports/revenue/{year}/{month}");
            Assert.StartsWith("revenue L1=HIT", string.Join(",", again.Headers.GetValues("X-Cache")), StringComparison.Ordinal);
        }

        var product = await client.GetFromJsonAsync<JsonElement>("/products/1");
        var update = await client.PutAsJsonAsync("/products/1", new { price = product.GetProperty("price").GetDecimal() + 1000m });
        update.EnsureSuccessStatusCode();

        // What the database says now, month by month, against what the next read serves.
        var soldIn = 0;
        foreach (var (year, month) in months)
        {
            var served = await client.GetFromJsonAsync<JsonElement>($"/reports/revenue/{year}/{month}");
            var expected = await app.RevenueInDatabaseAsync(year, month);
            Assert.True(expected == served.GetProperty("revenue").GetDecimal(), $"{year}-{month}: served {served.GetProperty("revenue").GetDecimal()}, the database says {expected}");
            soldIn += await app.SoldInAsync(1, year, month) ? 1 : 0;
        }

        Assert.True(soldIn > 1, "the seed data must sell product 1 in several months for this test to mean anything");
    }

    [Fact]
    public async Task A_missing_product_is_a_404_problem()
    {
        var (app, client) = await StorefrontApp.StartAsync(redis);
        await using var _ = app;

        var read = await client.GetAsync("/products/999999");
        await AssertProblem(read, HttpStatusCode.NotFound, null);
        var write = await client.PutAsJsonAsync("/products/999999", new { price = 10m });
        await AssertProblem(write, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task X_Cache_is_on_responses_where_a_cached_call_ran_and_only_there()
    {
        var (app, client) = await StorefrontApp.StartAsync(redis);
        await using var _ = app;

        var report = await client.GetAsync("/reports/revenue/2026/3");
        Assert.Equal("revenue L1=MISS Redis=MISS", string.Join(",", report.Headers.GetValues("X-Cache")));
        var again = await client.GetAsync("/reports/revenue/2026/3");
        Assert.StartsWith("revenue L1=HIT", string.Join(",", again.Headers.GetValues("X-Cache")), StringComparison.Ordinal);

        // A CDN may keep the report a minute (the browser not at all), and Varnish can purge it by its key or its tag.
        Assert.Equal("public, max-age=0, s-maxage=60, stale-while-revalidate=300", again.Headers.CacheControl?.ToString());
        Assert.Equal("k:revenue:2026:3 t:revenue", string.Join(",", again.Headers.GetValues("xkey")));

        Assert.False((await client.GetAsync("/metrics")).Headers.Contains("X-Cache"));
        Assert.False((await client.GetAsync("/products/1")).Headers.Contains("X-Cache"));
        Assert.False((await client.GetAsync("/products/999999")).Headers.Contains("X-Cache"));
    }

    [Fact]
    public async Task Database_commands_are_not_logged_at_Information()
    {
        var (app, client) = await StorefrontApp.StartAsync(redis);
        await using var _ = app;

        for (var month = 1; month <= 6; month++)
        {
            (await client.GetAsync($"/reports/revenue/2026/{month}")).EnsureSuccessStatusCode();
        }

        (await client.PutAsJsonAsync("/products/2", new { price = 12.5m })).EnsureSuccessStatusCode();
        (await client.GetAsync("/products/2")).EnsureSuccessStatusCode();

        var noisy = app.Logs.Entries.Where(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)).ToList();
        Assert.True(noisy.Count == 0, "logged at Information or above: " + string.Join(" | ", noisy.Take(5).Select(e => $"{e.Category}: {e.Message}")));
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        }
    }
}
