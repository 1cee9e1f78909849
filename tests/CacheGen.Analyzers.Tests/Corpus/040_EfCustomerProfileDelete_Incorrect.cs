// Customer profile service: EF Core writes followed by "delete the cache key" and nothing else (the stale-set race).
// Deleting before the write, deleting twice, or publishing to the other instances keeps the rule quiet.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Corpus.CustomerProfiles;

public sealed class Customer
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Tier { get; set; } = "standard";
    public DateTime? LastLoginUtc { get; set; }
}

public sealed class CrmDb(DbContextOptions<CrmDb> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
}

public sealed class CustomerProfileService
{
    private readonly CrmDb _db;
    private readonly IDatabase _redis;
    private readonly ISubscriber _bus;
    private readonly IDistributedCache _cache;

    public CustomerProfileService(CrmDb db, IConnectionMultiplexer multiplexer, IDistributedCache cache)
    {
        _db = db;
        _redis = multiplexer.GetDatabase();
        _bus = multiplexer.GetSubscriber();
        _cache = cache;
    }

    public async Task RenameAsync(Guid customerId, string displayName, CancellationToken ct)
    {
        var customer = await _db.Customers.SingleAsync(c => c.Id == customerId, ct);
        customer.DisplayName = displayName;
        await _db.SaveChangesAsync(ct);
        await _redis.KeyDeleteAsync($"customer:{customerId}"); // expect: CG1003
    }

    public async Task<int> UpgradeTierAsync(string fromTier, string toTier, CancellationToken ct)
    {
        var updated = await _db.Customers
            .Where(c => c.Tier == fromTier)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Tier, toTier), ct);
        await _cache.RemoveAsync($"tier-members:{fromTier}", ct); // expect: CG1003
        return updated;
    }

    public void RecordLogin(Guid customerId)
    {
        var customer = _db.Customers.Single(c => c.Id == customerId);
        customer.LastLoginUtc = DateTime.UtcNow;
        _db.SaveChanges();
        _cache.Remove($"customer:{customerId}"); // expect: CG1003
    }

    public async Task<int> DeleteInactiveAsync(DateTime cutoff, CancellationToken ct)
    {
        var removed = await _db.Customers.Where(c => c.LastLoginUtc < cutoff).ExecuteDeleteAsync(ct);
        _redis.KeyDelete("customers:inactive-count"); // expect: CG1003
        return removed;
    }

    public async Task ChangeEmailAsync(Guid customerId, string email, CancellationToken ct)
    {
        // Delete first, then write: the rule is about deletes after the write.
        await _redis.KeyDeleteAsync($"customer:{customerId}");
        var customer = await _db.Customers.SingleAsync(c => c.Id == customerId, ct);
        customer.Email = email;
        await _db.SaveChangesAsync(ct);
    }

    public async Task ChangeTierAsync(Guid customerId, string tier, CancellationToken ct)
    {
        var customer = await _db.Customers.SingleAsync(c => c.Id == customerId, ct);
        customer.Tier = tier;
        await _db.SaveChangesAsync(ct);
        await _redis.KeyDeleteAsync($"customer:{customerId}");
        await _bus.PublishAsync(RedisChannel.Literal("cache-invalidation"), $"customer:{customerId}");
    }

    public async Task ResetDisplayNameAsync(Guid customerId, CancellationToken ct)
    {
        var key = $"customer:{customerId}";
        var customer = await _db.Customers.SingleAsync(c => c.Id == customerId, ct);
        customer.DisplayName = customer.Email;
        await _db.SaveChangesAsync(ct);
        await _redis.KeyDeleteAsync(key);
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        await _redis.KeyDeleteAsync(key);
    }
}
