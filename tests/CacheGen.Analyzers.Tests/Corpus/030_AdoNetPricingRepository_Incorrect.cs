// Pricing over Dapper and classic IDbCommand code, with CacheGen and a Redis IDatabase side by side. The cached price
// and cached promotion are single-row lookups by primary key; the synchronous IDbCommand update deletes the cached
// price and nothing else. The price history (ORDER BY) and the average price are legitimate cache candidates.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;
using StackExchange.Redis;

namespace Corpus.AdoPricing;

public sealed record PricePoint(decimal Price, DateTime ValidFrom);

public sealed record Promotion(int PromotionId, string Code, decimal Discount);

public interface IPricingRepository
{
    Task<decimal?> GetPriceAsync(int productId, CancellationToken ct = default);
    Task<Promotion?> GetPromotionAsync(int promotionId, CancellationToken ct = default);
    Task<IReadOnlyList<PricePoint>> GetHistoryAsync(int productId, CancellationToken ct = default);
    Task<decimal> GetAveragePriceAsync(int categoryId, CancellationToken ct = default);
    void SetPrice(int productId, decimal price);
}

public sealed class PricingRepository(IDbConnection connection, IDatabase redis) : IPricingRepository
{
    private const string PromotionById = "SELECT PromotionId, Code, Discount FROM Promotions WHERE PromotionId = @promotionId";

    [Cached("price:{productId}", TtlSeconds = 300)] // expect: CG1004
    public Task<decimal?> GetPriceAsync(int productId, CancellationToken ct) =>
        connection.QueryFirstOrDefaultAsync<decimal?>("SELECT Price FROM Products WHERE ProductId = @productId", new { productId });

    [Cached("promotion:{promotionId}", TtlSeconds = 300)] // expect: CG1004
    public async Task<Promotion?> GetPromotionAsync(int promotionId, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<Promotion>(new CommandDefinition(PromotionById, new { promotionId }, cancellationToken: ct));

    [Cached("price-history:{productId}", TtlSeconds = 3600)]
    public async Task<IReadOnlyList<PricePoint>> GetHistoryAsync(int productId, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<PricePoint>(
            "SELECT Price, ValidFrom FROM PriceHistory WHERE ProductId = @productId ORDER BY ValidFrom DESC",
            new { productId });
        return rows.ToList();
    }

    [Cached("avg-price:{categoryId}", TtlSeconds = 600)]
    public Task<decimal> GetAveragePriceAsync(int categoryId, CancellationToken ct) =>
        connection.QuerySingleAsync<decimal>("SELECT AVG(Price) FROM Products WHERE CategoryId = @categoryId", new { categoryId });

    public void SetPrice(int productId, decimal price)
    {
        using (IDbCommand command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE Products SET Price = @price WHERE ProductId = @productId";
            var p1 = command.CreateParameter();
            p1.ParameterName = "@price";
            p1.Value = price;
            command.Parameters.Add(p1);
            var p2 = command.CreateParameter();
            p2.ParameterName = "@productId";
            p2.Value = productId;
            command.Parameters.Add(p2);
            command.ExecuteNonQuery();
        }

        redis.KeyDelete($"price:{productId}"); // expect: CG1003
    }
}
