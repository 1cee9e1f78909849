// ADO.NET account balances cached in Redis. Every path is one the rules must leave alone: the cache-aside write has an
// expiry, the version check only reads before deleting, the posting invalidates through ICacheInvalidator, the
// freeze deletes and publishes, and the rename rewrites the cached value with keepTtl.
using System;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using StackExchange.Redis;

namespace Corpus.AdoBalances;

public sealed class BalanceService(DbConnection connection, IConnectionMultiplexer redis, ICacheInvalidator invalidator)
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly ISubscriber _bus = redis.GetSubscriber();

    public async Task<decimal> GetBalanceAsync(Guid accountId, CancellationToken ct)
    {
        var key = $"balance:{accountId:N}";
        var cached = await _db.StringGetAsync(key);
        if (cached.HasValue)
        {
            return decimal.Parse(cached.ToString(), CultureInfo.InvariantCulture);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(Amount), 0) FROM LedgerEntries WHERE AccountId = @accountId";
        Add(command, "@accountId", accountId);
        var balance = Convert.ToDecimal(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        await _db.StringSetAsync(key, balance.ToString(CultureInfo.InvariantCulture), expiry: TimeSpan.FromSeconds(45));
        return balance;
    }

    // Reads the ledger version and drops the cached balance when it moved: no write happened in this method.
    public async Task RefreshIfStaleAsync(Guid accountId, long knownVersion, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(Version) FROM LedgerEntries WHERE AccountId = @accountId";
        Add(command, "@accountId", accountId);
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        if (version != knownVersion)
        {
            await _db.KeyDeleteAsync($"balance:{accountId:N}");
        }
    }

    public async Task PostAsync(Guid accountId, decimal amount, string memo, CancellationToken ct)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO LedgerEntries (AccountId, Amount, Memo) VALUES (@accountId, @amount, @memo)";
            Add(command, "@accountId", accountId);
            Add(command, "@amount", amount);
            Add(command, "@memo", memo);
            await command.ExecuteNonQueryAsync(ct);
        }

        await invalidator.InvalidateAsync($"balance:{accountId:N}", ct);
    }

    public async Task FreezeAsync(Guid accountId, CancellationToken ct)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE Accounts SET Frozen = 1 WHERE Id = @accountId";
            Add(command, "@accountId", accountId);
            await command.ExecuteNonQueryAsync(ct);
        }

        var key = $"account:{accountId:N}";
        await _db.KeyDeleteAsync(key);
        await _bus.PublishAsync(RedisChannel.Literal("invalidate"), key);
    }

    public async Task RenameAsync(Guid accountId, string name, CancellationToken ct)
    {
        var key = $"account-name:{accountId:N}";
        var previous = await _db.StringGetAsync(key);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE Accounts SET Name = @name WHERE Id = @accountId";
            Add(command, "@name", name);
            Add(command, "@accountId", accountId);
            await command.ExecuteNonQueryAsync(ct);
        }

        if (previous.HasValue)
        {
            await _db.StringSetAsync(key, name, expiry: null, keepTtl: true);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
