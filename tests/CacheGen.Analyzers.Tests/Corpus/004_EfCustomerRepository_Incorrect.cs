// A customer repository that put [Cached] on everything, including lookups by primary key the database answers from
// its clustered index. The segment report and the Include'd lookup are reasonable things to cache.
using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Microsoft.EntityFrameworkCore;

namespace Corpus.EfCustomers;

public sealed class Customer
{
    public int CustomerId { get; set; }
    public string Email { get; set; } = "";
    public string Segment { get; set; } = "";
    public List<Address> Addresses { get; set; } = [];
}

public sealed class Address
{
    [Key]
    public Guid AddressCode { get; set; }
    public int CustomerId { get; set; }
    public string City { get; set; } = "";
}

public sealed record SegmentSize(string Segment, int Customers);

public sealed class CrmDb(DbContextOptions<CrmDb> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Address> Addresses => Set<Address>();
}

public interface ICustomerRepository
{
    Task<Customer?> GetAsync(int customerId, CancellationToken ct = default);
    Task<Customer?> GetReadOnlyAsync(int customerId, CancellationToken ct = default);
    Task<Address?> GetAddressAsync(Guid code, CancellationToken ct = default);
    Task<Customer?> GetWithAddressesAsync(int customerId, CancellationToken ct = default);
    Task<Customer?> GetByEmailAsync(string email, CancellationToken ct = default);
    Task<List<SegmentSize>> GetSegmentSizesAsync(CancellationToken ct = default);
    Task<Customer?> LoadForEditAsync(int customerId, CancellationToken ct = default);
    Task<Customer?> GetFirstAsync(int customerId, CancellationToken ct = default);
}

public sealed class CustomerRepository(CrmDb db) : ICustomerRepository
{
    [Cached("customer:{customerId}", TtlSeconds = 300)] // expect: CG1004
    public async Task<Customer?> GetAsync(int customerId, CancellationToken ct)
        => await db.Customers.FindAsync([customerId], ct);

    [Cached("customer:ro:{customerId}")] // expect: CG1004
    public Task<Customer?> GetReadOnlyAsync(int customerId, CancellationToken ct)
        => db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == customerId, ct);

    [Cached("address:{code}")] // expect: CG1004
    public async Task<Address?> GetAddressAsync(Guid code, CancellationToken ct)
    {
        return await db.Addresses.SingleOrDefaultAsync(a => a.AddressCode == code, ct);
    }

    // Include: a join, not a trivial lookup.
    [Cached("customer:full:{customerId}", TtlSeconds = 120)]
    public Task<Customer?> GetWithAddressesAsync(int customerId, CancellationToken ct)
        => db.Customers.AsNoTracking().Include(c => c.Addresses).FirstOrDefaultAsync(c => c.CustomerId == customerId, ct);

    // A non-key column: may scan, worth caching.
    [Cached("customer:email:{email}", TtlSeconds = 120)]
    public Task<Customer?> GetByEmailAsync(string email, CancellationToken ct)
        => db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Email == email, ct);

    [Cached("customers:segments", TtlSeconds = 900)]
    public async Task<List<SegmentSize>> GetSegmentSizesAsync(CancellationToken ct)
        => await db.Customers
            .GroupBy(c => c.Segment)
            .Select(g => new SegmentSize(g.Key, g.Count()))
            .ToListAsync(ct);

    // The same key lookup written the other way round.
    [Cached("customer:first:{customerId}", TtlSeconds = 60)] // expect: CG1004
    public Task<Customer?> GetFirstAsync(int customerId, CancellationToken ct)
        => db.Customers.FirstAsync(c => customerId == c.CustomerId, ct)!;

    // Not cached at all: FindAsync is exactly right here.
    public async Task<Customer?> LoadForEditAsync(int customerId, CancellationToken ct)
        => await db.Customers.FindAsync([customerId], ct);
}
