// Dapper ledger: cached aggregations through CacheGen attributes, and hand-written writes that invalidate through
// ICacheInvalidator, a double delete, or a delete plus a backplane message.
using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;
using StackExchange.Redis;

namespace Corpus.DapperLedger;

public sealed record AccountBalance(int AccountId, decimal Balance, int EntryCount);

public sealed record DailyTotal(DateTime Day, decimal Debits, decimal Credits);

public interface ILedgerQueries
{
    Task<AccountBalance> GetBalanceAsync(int accountId, CancellationToken ct = default);
    Task<IReadOnlyList<DailyTotal>> GetDailyTotalsAsync(int accountId, int year, int month, CancellationToken ct = default);
    Task PostEntryAsync(int accountId, decimal amount, string memo, CancellationToken ct = default);
}

public sealed class LedgerQueries(IDbConnection connection) : ILedgerQueries
{
    [Cached("ledger:balance:{accountId}", TtlSeconds = 120, JitterPercent = 10)]
    public Task<AccountBalance> GetBalanceAsync(int accountId, CancellationToken ct) =>
        connection.QuerySingleAsync<AccountBalance>(new CommandDefinition(
            "SELECT @accountId AS AccountId, COALESCE(SUM(amount), 0) AS Balance, COUNT(*) AS EntryCount FROM ledger_entries WHERE account_id = @accountId",
            new { accountId },
            cancellationToken: ct));

    [Cached("ledger:daily:{accountId}:{year}:{month}", TtlSeconds = 900, StaleSeconds = 300)]
    public async Task<IReadOnlyList<DailyTotal>> GetDailyTotalsAsync(int accountId, int year, int month, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<DailyTotal>(new CommandDefinition(
            """
            SELECT CAST(posted_at AS date) AS Day,
                   SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS Debits,
                   SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS Credits
            FROM ledger_entries
            WHERE account_id = @accountId AND YEAR(posted_at) = @year AND MONTH(posted_at) = @month
            GROUP BY CAST(posted_at AS date)
            ORDER BY Day
            """,
            new { accountId, year, month },
            cancellationToken: ct));
        return rows.ToList();
    }

    [InvalidatesCache("ledger:balance:{accountId}")]
    public async Task PostEntryAsync(int accountId, decimal amount, string memo, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ledger_entries (account_id, amount, memo, posted_at) VALUES (@accountId, @amount, @memo, SYSUTCDATETIME())",
            new { accountId, amount, memo },
            cancellationToken: ct));
    }
}

public sealed class LedgerAdmin
{
    private readonly DbConnection _connection;
    private readonly IDatabase _redis;
    private readonly ISubscriber _subscriber;
    private readonly ICacheInvalidator _invalidator;

    public LedgerAdmin(DbConnection connection, IConnectionMultiplexer multiplexer, ICacheInvalidator invalidator)
    {
        _connection = connection;
        _redis = multiplexer.GetDatabase();
        _subscriber = multiplexer.GetSubscriber();
        _invalidator = invalidator;
    }

    public async Task ReverseEntryAsync(int accountId, long entryId, CancellationToken ct)
    {
        await _connection.ExecuteAsync(
            "UPDATE ledger_entries SET amount = -amount, memo = memo + ' (reversed)' WHERE id = @entryId AND account_id = @accountId",
            new { entryId, accountId });
        await _invalidator.InvalidateAsync($"ledger:balance:{accountId}", ct);
    }

    public async Task CloseAccountAsync(int accountId, CancellationToken ct)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE accounts SET closed_at = SYSUTCDATETIME() WHERE id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = accountId;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(ct);

        var key = $"ledger:account:{accountId}";
        await _redis.KeyDeleteAsync(key);
        await _subscriber.PublishAsync(RedisChannel.Literal("ledger:invalidate"), key);
    }

    public async Task RenameAccountAsync(int accountId, string name, CancellationToken ct)
    {
        var key = $"ledger:account:{accountId}";
        _connection.Execute("UPDATE accounts SET name = @name WHERE id = @accountId", new { name, accountId });
        await _redis.KeyDeleteAsync(key);
        // Second delete after replica lag: closes the stale-set window.
        await Task.Delay(750, ct);
        await _redis.KeyDeleteAsync(key);
    }
}
