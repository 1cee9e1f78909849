// EF Core repository that uses CacheGen as intended: aggregations cached, the key lookup left to the database,
// writes invalidated by attribute.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Microsoft.EntityFrameworkCore;

namespace Corpus.EfProducts;

public sealed class Product
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
    public int LastSoldYear { get; set; }
    public int LastSoldMonth { get; set; }
}

public sealed record RevenueReport(int Year, int Month, decimal Revenue);

public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();
}

public interface IProductRepository
{
    Task<Product?> GetProductAsync(int id, CancellationToken ct = default);
    Task<RevenueReport> GetMonthlyRevenueAsync(int year, int month, CancellationToken ct = default);
    Task UpdateProductAsync(Product product, CancellationToken ct = default);
}

public sealed class ProductRepository(ShopDb db) : IProductRepository
{
    public Task<Product?> GetProductAsync(int id, CancellationToken ct) => db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);

    [Cached("revenue:{year}:{month}", TtlSeconds = 600, StaleSeconds = 300)]
    public async Task<RevenueReport> GetMonthlyRevenueAsync(int year, int month, CancellationToken ct)
    {
        var revenue = await db.Products
            .Where(p => p.LastSoldYear == year && p.LastSoldMonth == month)
            .SumAsync(p => p.Price, ct);
        return new RevenueReport(year, month, revenue);
    }

    [InvalidatesCache("revenue:{product.LastSoldYear}:{product.LastSoldMonth}")]
    public async Task UpdateProductAsync(Product product, CancellationToken ct)
    {
        db.Products.Update(product);
        await db.SaveChangesAsync(ct);
    }
}
