// Catalog cache-aside written by hand: reads that miss write the value back with no TTL, so a missed invalidation
// is stale forever. One method caches a bare primary-key lookup. Write-through of keys never read is not cache-aside.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Corpus.CatalogCacheAside;

public sealed class Category
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public List<Item> Items { get; set; } = new();
}

public sealed class Item
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public string Title { get; set; } = "";
    public decimal Price { get; set; }
}

public sealed record CategorySummary(int CategoryId, string Name, int ItemCount, decimal MinPrice);

public sealed class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Item> Items => Set<Item>();
}

public sealed class CatalogCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDatabase _redis;
    private readonly CatalogDb _db;

    public CatalogCache(IConnectionMultiplexer multiplexer, CatalogDb db)
    {
        _redis = multiplexer.GetDatabase();
        _db = db;
    }

    public async Task<CategorySummary?> GetSummaryAsync(int categoryId, CancellationToken ct)
    {
        var key = $"catalog:summary:{categoryId}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<CategorySummary>(cached.ToString(), Json);
        }

        var summary = await _db.Categories
            .Where(c => c.Id == categoryId)
            .Select(c => new CategorySummary(c.Id, c.Name, c.Items.Count, c.Items.Min(i => (decimal?)i.Price) ?? 0m))
            .FirstOrDefaultAsync(ct);
        if (summary is not null)
        {
            await _redis.StringSetAsync(key, JsonSerializer.Serialize(summary, Json)); // expect: CG1006
        }

        return summary;
    }

    public IReadOnlyList<string> GetCategoryNames()
    {
        const string key = "catalog:category-names";
        var cached = _redis.StringGet(key);
        if (!cached.IsNull)
        {
            return JsonSerializer.Deserialize<List<string>>(cached.ToString(), Json)!;
        }

        var names = _db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToList();
        _redis.StringSet(key, JsonSerializer.Serialize(names, Json)); // expect: CG1006
        return names;
    }

    public async Task<decimal> GetAveragePriceAsync(int categoryId, CancellationToken ct)
    {
        RedisKey key = "catalog:avg-price:" + categoryId;
        var cached = await _redis.StringGetAsync(key);
        if (cached.TryParse(out double average))
        {
            return (decimal)average;
        }

        var value = await _db.Items.Where(i => i.CategoryId == categoryId).AverageAsync(i => i.Price, ct);
        await _redis.StringSetAsync( // expect: CG1006
            key,
            (double)value,
            when: When.Always);
        return value;
    }

    public async Task<int> GetItemCountAsync(int categoryId, CancellationToken ct)
    {
        var key = $"catalog:item-count:{categoryId}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.TryParse(out int count))
        {
            return count;
        }

        count = await _db.Items.CountAsync(i => i.CategoryId == categoryId, ct);
        await _redis.StringSetAsync(key, count, null, When.Always); // expect: CG1006
        return count;
    }

    public async Task<decimal> GetMaxPriceAsync(int categoryId, CancellationToken ct)
    {
        var key = $"catalog:max-price:{categoryId}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return (decimal)(double)cached;
        }

        var max = await _db.Items.Where(i => i.CategoryId == categoryId).MaxAsync(i => i.Price, ct);
        await _redis.StringSetAsync(key, (double)max); // expect: CG1006
        // Expires the category's index, not the key just written.
        await _redis.KeyExpireAsync($"catalog:index:{categoryId}", TimeSpan.FromHours(1));
        return max;
    }

    public async Task<Item?> GetItemAsync(int id, CancellationToken ct)
    {
        var key = $"catalog:item:{id}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<Item>(cached.ToString(), Json);
        }

        var item = await _db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct); // expect: CG1004
        if (item is not null)
        {
            await _redis.StringSetAsync(key, JsonSerializer.Serialize(item, Json), TimeSpan.FromMinutes(10));
        }

        return item;
    }

    public async Task WarmAsync(CancellationToken ct)
    {
        // Write-through on deploy: nothing was read, so this is not cache-aside (a bulk job refreshes it).
        var categories = await _db.Categories.AsNoTracking().ToListAsync(ct);
        foreach (var category in categories)
        {
            await _redis.StringSetAsync($"catalog:category:{category.Id}", category.Name);
        }
    }
}
