// Invoice queries cached through IDistributedCache with absolute and sliding expiry. The void path removes the cached
// statement and publishes a backplane message so other instances drop their in-process copy.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Corpus.DistributedInvoices;

public sealed class Invoice
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public decimal Amount { get; set; }
    public bool Paid { get; set; }
    public bool Voided { get; set; }
    public DateOnly IssuedOn { get; set; }
}

public sealed record StatementLine(long InvoiceId, DateOnly IssuedOn, decimal Amount, bool Paid);

public sealed record AccountStatement(int AccountId, decimal Outstanding, List<StatementLine> Lines);

public sealed class BillingDb(DbContextOptions<BillingDb> options) : DbContext(options)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();
}

public sealed class InvoiceQueries(BillingDb db, IDistributedCache cache, ISubscriber bus)
{
    private static readonly DistributedCacheEntryOptions StatementEntry = new()
    {
        AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10),
        SlidingExpiration = TimeSpan.FromMinutes(2),
    };

    public async Task<AccountStatement> GetStatementAsync(int accountId, CancellationToken ct)
    {
        var key = $"statement:{accountId}";
        var json = await cache.GetStringAsync(key, ct);
        if (json is not null)
        {
            return JsonSerializer.Deserialize<AccountStatement>(json)!;
        }

        var lines = await db.Invoices
            .AsNoTracking()
            .Where(i => i.AccountId == accountId && !i.Voided)
            .OrderByDescending(i => i.IssuedOn)
            .Select(i => new StatementLine(i.Id, i.IssuedOn, i.Amount, i.Paid))
            .ToListAsync(ct);
        var statement = new AccountStatement(accountId, lines.Where(l => !l.Paid).Sum(l => l.Amount), lines);
        await cache.SetStringAsync(key, JsonSerializer.Serialize(statement), StatementEntry, ct);
        return statement;
    }

    // Not cached: a single invoice by key comes straight from the database.
    public async Task<Invoice?> GetInvoiceAsync(long invoiceId, CancellationToken ct)
        => await db.Invoices.FindAsync([invoiceId], ct);

    public async Task VoidAsync(long invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.FindAsync([invoiceId], ct);
        if (invoice is null)
        {
            return;
        }

        invoice.Voided = true;
        await db.SaveChangesAsync(ct);
        await cache.RemoveAsync($"statement:{invoice.AccountId}", ct);
        await bus.PublishAsync(RedisChannel.Literal("cache-invalidate"), $"statement:{invoice.AccountId}");
    }
}
