// Warehouse stock queries decorated with [Cached] in places the generator cannot reach: a query class registered
// without an interface, a static helper, and a private nested class. The interface-backed service next to them is fine.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;

namespace Corpus.DapperWarehouseStock;

public sealed record BinLevel(string Bin, string Sku, int Quantity);

public sealed record WarehouseTotals(int WarehouseId, int Skus, int Units);

public interface IWarehouseStock
{
    Task<WarehouseTotals> GetTotalsAsync(int warehouseId, CancellationToken ct = default);
    Task<IReadOnlyList<BinLevel>> GetLowStockAsync(int warehouseId, int threshold, CancellationToken ct = default);
}

// Registered as itself in DI: there is no interface for a decorator to implement.
public sealed class WarehouseStockQueries(IDbConnection db)
{
    [Cached("bin-levels:{warehouseId}:{aisle}", TtlSeconds = 60)] // expect: CG0003
    public async Task<IReadOnlyList<BinLevel>> GetBinLevelsAsync(int warehouseId, string aisle, CancellationToken ct)
    {
        var rows = await db.QueryAsync<BinLevel>(
            "SELECT Bin, Sku, SUM(Quantity) AS Quantity FROM BinStock WHERE WarehouseId = @warehouseId AND Aisle = @aisle GROUP BY Bin, Sku",
            new { warehouseId, aisle });
        return rows.ToList();
    }

    [Cached("warehouse-skus:{warehouseId}")] // expect: CG0003
    public static Task<int> CountSkusAsync(IDbConnection connection, int warehouseId) => // expect: CG0004
        connection.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT Sku) FROM BinStock WHERE WarehouseId = @warehouseId", new { warehouseId });
}

public sealed class WarehouseStock(IDbConnection db) : IWarehouseStock
{
    [Cached("warehouse-totals:{warehouseId}", TtlSeconds = 120)]
    public Task<WarehouseTotals> GetTotalsAsync(int warehouseId, CancellationToken ct) =>
        db.QuerySingleAsync<WarehouseTotals>(
            "SELECT @warehouseId AS WarehouseId, COUNT(DISTINCT Sku) AS Skus, COALESCE(SUM(Quantity), 0) AS Units FROM BinStock WHERE WarehouseId = @warehouseId",
            new { warehouseId });

    Task<IReadOnlyList<BinLevel>> IWarehouseStock.GetLowStockAsync(int warehouseId, int threshold, CancellationToken ct) =>
        new LowStockReader(db).ReadAsync(warehouseId, threshold, ct);

    private sealed class LowStockReader(IDbConnection connection) : IWarehouseStock
    {
        public Task<WarehouseTotals> GetTotalsAsync(int warehouseId, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<BinLevel>> GetLowStockAsync(int warehouseId, int threshold, CancellationToken ct) => ReadAsync(warehouseId, threshold, ct);

        [Cached("low-stock:{warehouseId}:{threshold}", TtlSeconds = 60)] // expect: CG0003
        public async Task<IReadOnlyList<BinLevel>> ReadAsync(int warehouseId, int threshold, CancellationToken ct)
        {
            var rows = await connection.QueryAsync<BinLevel>(
                "SELECT Bin, Sku, Quantity FROM BinStock WHERE WarehouseId = @warehouseId AND Quantity < @threshold ORDER BY Quantity",
                new { warehouseId, threshold });
            return rows.ToList();
        }
    }
}
