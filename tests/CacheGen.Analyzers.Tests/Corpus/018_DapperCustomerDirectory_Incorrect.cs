// A customer directory that puts [Cached] on every read. The lookup by primary key is the database's cheapest query
// and gains nothing from Redis; the lookup by e-mail is on a non-key column and the search has ORDER BY, so the rule
// must stay quiet on those.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;

namespace Corpus.DapperCustomers;

public sealed class Customer
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Country { get; set; } = "";
}

public interface ICustomerDirectory
{
    Task<Customer?> GetByIdAsync(Guid id, CancellationToken ct = default);
    Task<Customer?> GetByEmailAsync(string email, CancellationToken ct = default);
    Task<IReadOnlyList<Customer>> ListByCountryAsync(string country, int page, CancellationToken ct = default);
    Task RenameAsync(Guid id, string name, CancellationToken ct = default);
}

public sealed class CustomerDirectory(IDbConnection db) : ICustomerDirectory
{
    private const string ById = "SELECT Id, Name, Email, Country FROM dbo.Customers WHERE Id = @id";

    [Cached("customer:{id}", TtlSeconds = 600)] // expect: CG1004
    public Task<Customer?> GetByIdAsync(Guid id, CancellationToken ct) => db.QuerySingleOrDefaultAsync<Customer>(ById, new { id });

    [Cached("customer-by-email:{email}", TtlSeconds = 600)]
    public Task<Customer?> GetByEmailAsync(string email, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Customer>("SELECT Id, Name, Email, Country FROM dbo.Customers WHERE Email = @email", new { email });

    [Cached("customers-by-country:{country}:{page}", TtlSeconds = 120)]
    public async Task<IReadOnlyList<Customer>> ListByCountryAsync(string country, int page, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Customer>(
            "SELECT Id, Name, Email, Country FROM dbo.Customers WHERE Country = @country ORDER BY Name OFFSET @skip ROWS FETCH NEXT 50 ROWS ONLY",
            new { country, skip = page * 50 });
        return rows.ToList();
    }

    [InvalidatesCache("customer:{id}")]
    public async Task RenameAsync(Guid id, string name, CancellationToken ct)
    {
        await db.ExecuteAsync("UPDATE dbo.Customers SET Name = @name WHERE Id = @id", new { id, name });
    }
}
