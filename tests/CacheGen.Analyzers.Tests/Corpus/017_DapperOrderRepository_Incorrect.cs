// Dapper order repository with a hand-rolled Redis cache: the status update deletes the cached order after the
// UPDATE and does nothing else (the stale-set race the seed article warns about). The cached summary is an
// aggregation over a JOIN, which is worth caching; the single-row lookup is deliberately left uncached.
using System;
using System.Collections.Generic;
using System.Data;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;
using StackExchange.Redis;

namespace Corpus.DapperOrders;

public sealed class Order
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public string Status { get; set; } = "";
    public decimal Total { get; set; }
    public DateTime PlacedAt { get; set; }
}

public sealed record CustomerOrderSummary(int CustomerId, int OrderCount, decimal Lifetime);

public interface IOrderRepository
{
    Task<Order?> GetOrderAsync(int id, CancellationToken ct = default);
    Task<CustomerOrderSummary?> GetCustomerSummaryAsync(int customerId, CancellationToken ct = default);
    Task UpdateStatusAsync(int id, string status, CancellationToken ct = default);
    Task<int> PlaceOrderAsync(Order order, CancellationToken ct = default);
}

public sealed class DapperOrderRepository(IDbConnection connection, IConnectionMultiplexer redis) : IOrderRepository
{
    private readonly IDatabase _cache = redis.GetDatabase();

    // A single row by its key, straight from the index: not cached, nothing to report.
    public Task<Order?> GetOrderAsync(int id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<Order>("SELECT Id, CustomerId, Status, Total, PlacedAt FROM Orders WHERE Id = @id", new { id });

    // JOIN + GROUP BY + SUM: an expensive query, a fine thing to cache.
    [Cached("customer-summary:{customerId}", TtlSeconds = 300)]
    public Task<CustomerOrderSummary?> GetCustomerSummaryAsync(int customerId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<CustomerOrderSummary>(
            """
            SELECT c.Id AS CustomerId, COUNT(o.Id) AS OrderCount, COALESCE(SUM(o.Total), 0) AS Lifetime
            FROM Customers c
            LEFT JOIN Orders o ON o.CustomerId = c.Id
            WHERE c.Id = @customerId
            GROUP BY c.Id
            """,
            new { customerId });

    public async Task UpdateStatusAsync(int id, string status, CancellationToken ct)
    {
        await connection.ExecuteAsync(
            "UPDATE Orders SET Status = @status WHERE Id = @id",
            new { id, status });
        await _cache.KeyDeleteAsync($"order:{id}"); // expect: CG1003
    }

    public async Task<int> PlaceOrderAsync(Order order, CancellationToken ct)
    {
        var id = await connection.ExecuteScalarAsync<int>(
            "INSERT INTO Orders (CustomerId, Status, Total, PlacedAt) OUTPUT INSERTED.Id VALUES (@CustomerId, @Status, @Total, @PlacedAt)",
            order);
        await connection.ExecuteAsync(
            "UPDATE Customers SET LastOrderAt = @PlacedAt WHERE Id = @CustomerId",
            order);
        var summaryKey = $"customer-summary:{order.CustomerId}";
        await _cache.KeyDeleteAsync(summaryKey); // expect: CG1003
        return id;
    }
}
