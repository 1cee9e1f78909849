// Price list repository: cached lookups of computed prices and invalidations whose keys must line up with them.
// Two invalidations drifted ("prices:" vs "price:", a segment dropped) and now clear nothing.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Microsoft.EntityFrameworkCore;

namespace Corpus.EfPricing;

public enum Currency
{
    Eur,
    Usd,
    Gbp,
}

public sealed class PriceRule
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public Currency Currency { get; set; }
    public decimal Amount { get; set; }
    public decimal DiscountPercent { get; set; }
    public DateTime ValidFromUtc { get; set; }
}

public sealed record EffectivePrice(string Sku, Currency Currency, decimal Amount);

public sealed class PricingDb(DbContextOptions<PricingDb> options) : DbContext(options)
{
    public DbSet<PriceRule> Rules => Set<PriceRule>();
}

public interface IPricingRepository
{
    Task<EffectivePrice?> GetEffectivePriceAsync(string sku, Currency currency, CancellationToken ct = default);
    Task<Dictionary<string, decimal>> GetPriceBookAsync(Currency currency, CancellationToken ct = default);
    Task AddRuleAsync(PriceRule rule, CancellationToken ct = default);
    Task RemoveRulesAsync(string sku, Currency currency, CancellationToken ct = default);
    Task ChangeDiscountAsync(PriceRule rule, decimal discountPercent, CancellationToken ct = default);
}

public sealed class PricingRepository(PricingDb db) : IPricingRepository
{
    [Cached("price:{sku}:{currency}", TtlSeconds = 600)]
    public async Task<EffectivePrice?> GetEffectivePriceAsync(string sku, Currency currency, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var rule = await db.Rules
            .AsNoTracking()
            .Where(r => r.Sku == sku && r.Currency == currency && r.ValidFromUtc <= now)
            .OrderByDescending(r => r.ValidFromUtc)
            .FirstOrDefaultAsync(ct);
        return rule is null ? null : new EffectivePrice(sku, currency, rule.Amount * (1 - rule.DiscountPercent / 100m));
    }

    [Cached("pricebook:{currency}", TtlSeconds = 1800, JitterPercent = 20)]
    public async Task<Dictionary<string, decimal>> GetPriceBookAsync(Currency currency, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        return await db.Rules
            .Where(r => r.Currency == currency && r.ValidFromUtc <= now)
            .GroupBy(r => r.Sku)
            .Select(g => new { Sku = g.Key, Amount = g.OrderByDescending(r => r.ValidFromUtc).Select(r => r.Amount).First() })
            .ToDictionaryAsync(x => x.Sku, x => x.Amount, ct);
    }

    [InvalidatesCache("price:{rule.Sku}:{rule.Currency}")]
    [InvalidatesCache("pricebook:{rule.Currency}")]
    public async Task AddRuleAsync(PriceRule rule, CancellationToken ct)
    {
        db.Rules.Add(rule);
        await db.SaveChangesAsync(ct);
    }

    [InvalidatesCache("prices:{sku}:{currency}")] // expect: CG0006
    [InvalidatesCache("pricebook:{currency}")]
    public async Task RemoveRulesAsync(string sku, Currency currency, CancellationToken ct)
    {
        await db.Rules.Where(r => r.Sku == sku && r.Currency == currency).ExecuteDeleteAsync(ct);
    }

    [InvalidatesCache("price:{rule.Sku}")] // expect: CG0006
    public async Task ChangeDiscountAsync(PriceRule rule, decimal discountPercent, CancellationToken ct)
    {
        rule.DiscountPercent = discountPercent;
        db.Rules.Update(rule);
        await db.SaveChangesAsync(ct);
    }
}
