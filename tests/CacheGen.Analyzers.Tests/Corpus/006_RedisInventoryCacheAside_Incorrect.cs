// Hand-written cache-aside over EF Core with StackExchange.Redis: the stock summary is written back with no TTL,
// the low-stock list does it right (expiry with jitter), and the warm-up writes keys it never read.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Corpus.RedisInventory;

public sealed class StockLevel
{
    public int Id { get; set; }
    public int WarehouseId { get; set; }
    public string Sku { get; set; } = "";
    public int OnHand { get; set; }
    public int Reserved { get; set; }
}

public sealed record WarehouseSummary(int WarehouseId, int Skus, int OnHand, int Reserved);

public sealed class InventoryDb(DbContextOptions<InventoryDb> options) : DbContext(options)
{
    public DbSet<StockLevel> StockLevels => Set<StockLevel>();
}

public sealed class InventoryReadModel(InventoryDb db, IConnectionMultiplexer redis)
{
    private readonly IDatabase _redis = redis.GetDatabase();

    public async Task<WarehouseSummary> GetSummaryAsync(int warehouseId, CancellationToken ct)
    {
        var key = $"inventory:summary:{warehouseId}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<WarehouseSummary>(cached.ToString())!;
        }

        var rows = db.StockLevels.Where(s => s.WarehouseId == warehouseId);
        var summary = new WarehouseSummary(
            warehouseId,
            await rows.CountAsync(ct),
            await rows.SumAsync(s => s.OnHand, ct),
            await rows.SumAsync(s => s.Reserved, ct));
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(summary)); // expect: CG1006
        return summary;
    }

    public async Task<List<string>> GetLowStockSkusAsync(int warehouseId, int threshold, CancellationToken ct)
    {
        var key = $"inventory:low:{warehouseId}:{threshold}";
        var cached = await _redis.StringGetAsync(key);
        if (!cached.IsNull)
        {
            return JsonSerializer.Deserialize<List<string>>(cached.ToString())!;
        }

        var skus = await db.StockLevels
            .Where(s => s.WarehouseId == warehouseId && s.OnHand - s.Reserved < threshold)
            .OrderBy(s => s.Sku)
            .Select(s => s.Sku)
            .ToListAsync(ct);
        var ttl = TimeSpan.FromMinutes(5) * (0.9 + Random.Shared.NextDouble() * 0.2);
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(skus), ttl);
        return skus;
    }

    public async Task<int> GetReservedAsync(string sku, CancellationToken ct)
    {
        RedisKey key = "inventory:reserved:" + sku;
        var cached = await _redis.StringGetAsync(key);
        if (cached.TryParse(out int reserved))
        {
            return reserved;
        }

        reserved = await db.StockLevels.Where(s => s.Sku == sku).SumAsync(s => s.Reserved, ct);
        _redis.StringSet(key, reserved); // expect: CG1006
        return reserved;
    }

    public async Task<int> GetSkuCountAsync(int warehouseId, CancellationToken ct)
    {
        var key = $"inventory:skus:{warehouseId}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.TryParse(out int count))
        {
            return count;
        }

        count = await db.StockLevels.CountAsync(s => s.WarehouseId == warehouseId, ct);
        await _redis.StringSetAsync(key, count, expiry: default, when: When.Always); // expect: CG1006
        return count;
    }

    // Not cache-aside: a publisher filling keys nothing in this method read.
    public async Task WarmUpAsync(int warehouseId, CancellationToken ct)
    {
        var onHand = await db.StockLevels
            .Where(s => s.WarehouseId == warehouseId)
            .Select(s => new { s.Sku, s.OnHand })
            .ToListAsync(ct);
        foreach (var row in onHand)
        {
            await _redis.StringSetAsync($"inventory:onhand:{warehouseId}:{row.Sku}", row.OnHand);
        }
    }
}
