// EF Core order service with hand-written Redis invalidation: the classic "save, then delete the key" pattern,
// next to a cancel path that deletes before it writes (not the race the rule is about).
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Corpus.EfOrders;

public enum OrderStatus
{
    Open,
    Shipped,
    Cancelled,
}

public sealed class Order
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public OrderStatus Status { get; set; }
    public decimal Total { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public sealed class OrdersDb(DbContextOptions<OrdersDb> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}

public sealed class OrderService(OrdersDb db, IConnectionMultiplexer redis)
{
    private readonly IDatabase _cache = redis.GetDatabase();

    public async Task MarkShippedAsync(int orderId, CancellationToken ct)
    {
        var order = await db.Orders.FindAsync([orderId], ct) ?? throw new InvalidOperationException($"order {orderId} not found");
        order.Status = OrderStatus.Shipped;
        await db.SaveChangesAsync(ct);
        await _cache.KeyDeleteAsync($"order:{orderId}"); // expect: CG1003
    }

    public async Task<int> PurgeCancelledAsync(int customerId, CancellationToken ct)
    {
        var removed = await db.Orders
            .Where(o => o.CustomerId == customerId && o.Status == OrderStatus.Cancelled)
            .ExecuteDeleteAsync(ct);
        await _cache.KeyDeleteAsync($"orders:customer:{customerId}"); // expect: CG1003
        return removed;
    }

    public async Task CancelAsync(int orderId, CancellationToken ct)
    {
        // Delete first, then write: a reader may repopulate the old row, but this is not the delete-after-write shape.
        await _cache.KeyDeleteAsync($"order:{orderId}");
        await db.Orders
            .Where(o => o.Id == orderId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled), ct);
    }

    public async Task ReassignAsync(int orderId, int customerId, CancellationToken ct)
    {
        await db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, customerId), ct);
        await EvictAsync(orderId); // expect: CG1003
    }

    // The delete lives in its own method, which writes nothing: reported where it is called after the write.
    private Task<bool> EvictAsync(int orderId) => _cache.KeyDeleteAsync($"order:{orderId}");

    public async Task<decimal> GetOpenTotalAsync(int customerId, CancellationToken ct)
    {
        return await db.Orders
            .Where(o => o.CustomerId == customerId && o.Status == OrderStatus.Open)
            .SumAsync(o => o.Total, ct);
    }
}
