// Catalog service caching what is expensive (category listings, price statistics) and invalidating through CacheGen,
// both by attribute and with ICacheInvalidator after an ExecuteUpdate.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Microsoft.EntityFrameworkCore;

namespace Corpus.EfCatalog;

public sealed class Category
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
}

public sealed class Item
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public string Title { get; set; } = "";
    public decimal Price { get; set; }
    public bool Discontinued { get; set; }
}

public sealed record ItemCard(int Id, string Title, decimal Price);

public sealed record PriceStats(decimal Min, decimal Max, decimal Average, int Count);

public sealed class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Item> Items => Set<Item>();
}

public interface ICatalogService
{
    Task<IReadOnlyList<ItemCard>> ListCategoryAsync(string slug, int page, int pageSize, string? correlationId, CancellationToken ct = default);
    Task<PriceStats> GetPriceStatsAsync(int categoryId, CancellationToken ct = default);
    Task RenameAsync(Item item, string title, CancellationToken ct = default);
    Task DiscontinueCategoryAsync(int categoryId, CancellationToken ct = default);
}

public sealed class CatalogService(CatalogDb db, ICacheInvalidator invalidator) : ICatalogService
{
    [Cached("category:{slug}:page:{page}:{pageSize}", TtlSeconds = 120, JitterPercent = 10)]
    public async Task<IReadOnlyList<ItemCard>> ListCategoryAsync(
        string slug,
        int page,
        int pageSize,
        [NotCacheKey] string? correlationId,
        CancellationToken ct)
    {
        return await db.Items
            .AsNoTracking()
            .Where(i => !i.Discontinued && db.Categories.Any(c => c.Id == i.CategoryId && c.Slug == slug))
            .OrderBy(i => i.Title)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(i => new ItemCard(i.Id, i.Title, i.Price))
            .ToListAsync(ct);
    }

    [Cached("pricestats:{categoryId}", TtlSeconds = 600, StaleSeconds = 120)]
    public async Task<PriceStats> GetPriceStatsAsync(int categoryId, CancellationToken ct)
    {
        var prices = db.Items.Where(i => i.CategoryId == categoryId && !i.Discontinued).Select(i => i.Price);
        var count = await prices.CountAsync(ct);
        if (count == 0)
        {
            return new PriceStats(0, 0, 0, 0);
        }

        return new PriceStats(await prices.MinAsync(ct), await prices.MaxAsync(ct), await prices.AverageAsync(ct), count);
    }

    [InvalidatesCache("pricestats:{item.CategoryId}")]
    public async Task RenameAsync(Item item, string title, CancellationToken ct)
    {
        item.Title = title;
        db.Items.Update(item);
        await db.SaveChangesAsync(ct);
    }

    public async Task DiscontinueCategoryAsync(int categoryId, CancellationToken ct)
    {
        await db.Items
            .Where(i => i.CategoryId == categoryId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Discontinued, true), ct);
        await invalidator.InvalidateAsync($"pricestats:{categoryId}", ct);
    }
}
