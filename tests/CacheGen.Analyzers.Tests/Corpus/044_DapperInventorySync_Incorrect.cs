// Inventory sync worker on Dapper and ADO.NET: writes followed by a bare cache delete, and a maintenance path that
// finds keys with KEYS (through a constant command and a prepared Lua script) instead of a registry set.
using System;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using StackExchange.Redis;
using CommandFlags = StackExchange.Redis.CommandFlags;

namespace Corpus.InventorySync;

public sealed record StockChange(string Sku, int WarehouseId, int Delta);

public sealed class InventorySync
{
    private const string KeysCommand = "KEYS";

    private const string PurgeWarehouseScript = @"
local keys = redis.pcall('keys', @pattern)
for i = 1, #keys, 500 do
  redis.call('unlink', unpack(keys, i, math.min(i + 499, #keys)))
end
return #keys";

    private readonly IDbConnection _connection;
    private readonly DbConnection _adoConnection;
    private readonly IDatabase _redis;

    public InventorySync(IDbConnection connection, DbConnection adoConnection, IConnectionMultiplexer multiplexer)
    {
        _connection = connection;
        _adoConnection = adoConnection;
        _redis = multiplexer.GetDatabase();
    }

    public async Task ApplyAsync(StockChange change, CancellationToken ct)
    {
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE stock SET quantity = quantity + @Delta WHERE sku = @Sku AND warehouse_id = @WarehouseId",
            change,
            cancellationToken: ct));
        await _redis.KeyDeleteAsync($"stock:{change.Sku}:{change.WarehouseId}"); // expect: CG1003
    }

    public void Discontinue(string sku)
    {
        _connection.Execute("UPDATE products SET discontinued = 1 WHERE sku = @sku", new { sku });
        _redis.KeyDelete( // expect: CG1003
            $"product:{sku}");
    }

    public async Task<int> ZeroWarehouseAsync(int warehouseId, CancellationToken ct)
    {
        await using var command = _adoConnection.CreateCommand();
        command.CommandText = "UPDATE stock SET quantity = 0 WHERE warehouse_id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = warehouseId;
        command.Parameters.Add(parameter);
        var rows = await command.ExecuteNonQueryAsync(ct);
        await _redis.KeyDeleteAsync($"warehouse:{warehouseId}:summary", CommandFlags.DemandMaster); // expect: CG1003
        return rows;
    }

    public async Task<long> PurgeWarehouseCacheAsync(int warehouseId)
    {
        var prepared = LuaScript.Prepare(
            PurgeWarehouseScript); // expect: CG1001
        var result = await _redis.ScriptEvaluateAsync(prepared, new { pattern = $"stock:*:{warehouseId}" });
        return (long)result;
    }

    public async Task<string[]> ListSkuKeysAsync(string skuPrefix)
    {
        var result = await _redis.ExecuteAsync(
            KeysCommand, // expect: CG1001
            $"stock:{skuPrefix}*");
        return ((RedisResult[])result!).Select(r => r.ToString()).ToArray();
    }

    public async Task RecountAsync(string sku, CancellationToken ct)
    {
        // Cache removed before the write, and repopulated by the next read: quiet.
        await _redis.KeyDeleteAsync($"stock:{sku}:total");
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE stock_totals SET quantity = (SELECT SUM(quantity) FROM stock WHERE sku = @sku) WHERE sku = @sku",
            new { sku },
            cancellationToken: ct));
    }
}
