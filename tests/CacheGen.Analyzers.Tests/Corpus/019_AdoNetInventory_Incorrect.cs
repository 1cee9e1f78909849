// Plain ADO.NET stock service over DbConnection, caching stock levels in IDistributedCache. Adjusting stock runs an
// UPDATE through DbCommand.ExecuteNonQueryAsync and then removes the cached entry: delete-only invalidation. The
// transfer uses the double-delete mitigation, and the cache read path sets an absolute expiry.
using System;
using System.Data;
using System.Data.Common;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace Corpus.AdoInventory;

public sealed class InventoryService(DbConnection connection, IDistributedCache cache)
{
    private static readonly DistributedCacheEntryOptions StockEntry = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2) };

    public async Task<int> GetStockAsync(string sku, CancellationToken ct)
    {
        var key = $"stock:{sku}";
        var cached = await cache.GetStringAsync(key, ct);
        if (cached is not null)
        {
            return int.Parse(cached);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SUM(Quantity) FROM StockLevels WHERE Sku = @sku";
        AddParameter(command, "@sku", sku);
        var result = await command.ExecuteScalarAsync(ct);
        var stock = result is null or DBNull ? 0 : Convert.ToInt32(result);
        await cache.SetStringAsync(key, stock.ToString(), StockEntry, ct);
        return stock;
    }

    public async Task AdjustStockAsync(string sku, int warehouseId, int delta, CancellationToken ct)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE StockLevels SET Quantity = Quantity + @delta WHERE Sku = @sku AND WarehouseId = @warehouseId";
            AddParameter(command, "@delta", delta);
            AddParameter(command, "@sku", sku);
            AddParameter(command, "@warehouseId", warehouseId);
            await command.ExecuteNonQueryAsync(ct);
        }

        await cache.RemoveAsync($"stock:{sku}", ct); // expect: CG1003
    }

    public void DiscontinueSku(string sku)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM StockLevels WHERE Sku = @sku";
        AddParameter(command, "@sku", sku);
        command.ExecuteNonQuery();
        cache.Remove("stock:" + sku); // expect: CG1003
    }

    public async Task TransferAsync(string sku, int fromWarehouse, int toWarehouse, int quantity, CancellationToken ct)
    {
        var key = $"stock:{sku}";
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText =
                "UPDATE StockLevels SET Quantity = Quantity - @quantity WHERE Sku = @sku AND WarehouseId = @fromWarehouse; " +
                "UPDATE StockLevels SET Quantity = Quantity + @quantity WHERE Sku = @sku AND WarehouseId = @toWarehouse;";
            AddParameter(command, "@quantity", quantity);
            AddParameter(command, "@sku", sku);
            AddParameter(command, "@fromWarehouse", fromWarehouse);
            AddParameter(command, "@toWarehouse", toWarehouse);
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);

        // Double delete: once now, once after readers that started before the commit have finished.
        await cache.RemoveAsync(key, ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        await cache.RemoveAsync(key, ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
