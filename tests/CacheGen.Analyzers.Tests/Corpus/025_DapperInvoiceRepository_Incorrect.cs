// Dapper invoice repository with CacheGen attributes: one invalidation has a typo'd key that no [Cached] key shares,
// one cached method keys on a whole filter object, and one is generic (and caches a key lookup). The correctly spelled
// invalidation next to them must not be reported.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;

namespace Corpus.DapperInvoices;

public enum InvoiceStatus
{
    Draft,
    Sent,
    Paid,
    Void,
}

public sealed record InvoiceFilter(int CustomerId, InvoiceStatus Status, DateOnly From, DateOnly To);

public sealed record InvoiceRow(long Id, int CustomerId, InvoiceStatus Status, decimal Amount, DateOnly IssuedOn);

public sealed class Invoice
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public InvoiceStatus Status { get; set; }
    public decimal Amount { get; set; }
}

public interface IInvoiceRepository
{
    Task<IReadOnlyList<InvoiceRow>> GetOpenInvoicesAsync(int customerId, CancellationToken ct = default);
    Task<decimal> GetOutstandingAsync(int customerId, CancellationToken ct = default);
    Task<IReadOnlyList<InvoiceRow>> SearchAsync(InvoiceFilter filter, CancellationToken ct = default);
    Task MarkPaidAsync(Invoice invoice, CancellationToken ct = default);
    Task VoidAsync(Invoice invoice, CancellationToken ct = default);
    Task<TRow?> GetProjectionAsync<TRow>(long id, CancellationToken ct = default);
}

public sealed class InvoiceRepository(IDbConnection db) : IInvoiceRepository
{
    [Cached("open-invoices:{customerId}", TtlSeconds = 120)]
    public async Task<IReadOnlyList<InvoiceRow>> GetOpenInvoicesAsync(int customerId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<InvoiceRow>(
            "SELECT Id, CustomerId, Status, Amount, IssuedOn FROM Invoices WHERE CustomerId = @customerId AND Status IN (1, 2) ORDER BY IssuedOn",
            new { customerId });
        return rows.ToList();
    }

    [Cached("outstanding:{customerId}", TtlSeconds = 120)]
    public Task<decimal> GetOutstandingAsync(int customerId, CancellationToken ct) =>
        db.QuerySingleAsync<decimal>("SELECT COALESCE(SUM(Amount), 0) FROM Invoices WHERE CustomerId = @customerId AND Status = 1", new { customerId });

    [Cached("invoice-search:{filter}", TtlSeconds = 60)] // expect: CG0003
    public async Task<IReadOnlyList<InvoiceRow>> SearchAsync(InvoiceFilter filter, CancellationToken ct)
    {
        var rows = await db.QueryAsync<InvoiceRow>(
            "SELECT Id, CustomerId, Status, Amount, IssuedOn FROM Invoices WHERE CustomerId = @CustomerId AND Status = @Status AND IssuedOn BETWEEN @From AND @To ORDER BY IssuedOn DESC",
            filter);
        return rows.ToList();
    }

    [InvalidatesCache("open-invoices:{invoice.CustomerId}")]
    [InvalidatesCache("outstanding:{invoice.CustomerId}")]
    public async Task MarkPaidAsync(Invoice invoice, CancellationToken ct)
    {
        await db.ExecuteAsync("UPDATE Invoices SET Status = 2 WHERE Id = @Id", invoice);
    }

    [InvalidatesCache("open-invoice:{invoice.CustomerId}")] // expect: CG0006
    [InvalidatesCache("outstanding:{invoice.CustomerId}")]
    public async Task VoidAsync(Invoice invoice, CancellationToken ct)
    {
        await db.ExecuteAsync("UPDATE Invoices SET Status = 3 WHERE Id = @Id", invoice);
    }

    [Cached("invoice-projection:{id}", TtlSeconds = 300)] // expect: CG0003, CG1004
    public Task<TRow?> GetProjectionAsync<TRow>(long id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<TRow>("SELECT * FROM Invoices WHERE Id = @id", new { id });
}
