using CacheGen;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront;

/// <summary>A month's revenue: the sum of quantity × current price of its orders.</summary>
public sealed record RevenueReport(int Year, int Month, decimal Revenue, int Orders);

public interface IProductRepository
{
    Task<Product?> GetProductAsync(int id, CancellationToken ct = default);

    Task<RevenueReport> GetMonthlyRevenueAsync(int year, int month, CancellationToken ct = default);

    Task UpdateProductAsync(Product product, CancellationToken ct = default);
}

/// <summary>Counts the expensive queries the database actually ran, across every instance in the process.</summary>
public sealed class QueryCounter
{
    private int _revenueQueries;

    public int RevenueQueries => Volatile.Read(ref _revenueQueries);

    public void CountRevenueQuery() => Interlocked.Increment(ref _revenueQueries);
}

public sealed class ProductRepository(ShopDb db, QueryCounter counter) : IProductRepository
{
    // Not cached on purpose: a primary-key lookup is an index seek (CG1004 would say so).
    public Task<Product?> GetProductAsync(int id, CancellationToken ct) => db.Products.FindAsync([id], ct).AsTask();

    // Revenue is quantity × *current* price, so a price change moves every month the product ever sold in. Those months
    // are not in the product row: every report carries the tag "revenue", and a product update invalidates the tag
    // (one Redis command, however many months are cached).
    [Cached("revenue:{year}:{month}", TtlSeconds = 600, StaleSeconds = 300, LocalTtlSeconds = 60, Tags = ["revenue"])]
    public async Task<RevenueReport> GetMonthlyRevenueAsync(int year, int month, CancellationToken ct)
    {
        counter.CountRevenueQuery();
        var lines = await db.Orders
            .Where(o => o.Year == year && o.Month == month)
            .Join(db.Products, o => o.ProductId, p => p.Id, (o, p) => new { o.Quantity, p.Price })
            .ToListAsync(ct);
        return new RevenueReport(year, month, lines.Sum(l => l.Quantity * l.Price), lines.Count);
    }

    [InvalidatesCacheTag("revenue")]
    public async Task UpdateProductAsync(Product product, CancellationToken ct)
    {
        db.Products.Update(product);
        await db.SaveChangesAsync(ct);
    }
}
