// Coupon redemption on EF Core with two caches: IDistributedCache for coupon lists, Redis for counters. The
// invalidations only delete after the write, one reporting job connects per call, and one cache-aside write has
// no expiry; keepTtl and a later KeyExpire are the near misses.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Corpus.EfCoupons;

public sealed class Coupon
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public int CampaignId { get; set; }
    public int Redemptions { get; set; }
    public int MaxRedemptions { get; set; }
    public DateTime ExpiresUtc { get; set; }
}

public sealed record CouponSummary(string Code, int Remaining);

public sealed class PromoDb(DbContextOptions<PromoDb> options) : DbContext(options)
{
    public DbSet<Coupon> Coupons => Set<Coupon>();
}

public sealed class CouponService(PromoDb db, IDistributedCache cache, IConnectionMultiplexer redis)
{
    private readonly IDatabase _counters = redis.GetDatabase();

    public async Task<bool> RedeemAsync(string code, CancellationToken ct)
    {
        var coupon = await db.Coupons.SingleOrDefaultAsync(c => c.Code == code, ct);
        if (coupon is null || coupon.Redemptions >= coupon.MaxRedemptions || coupon.ExpiresUtc < DateTime.UtcNow)
        {
            return false;
        }

        coupon.Redemptions++;
        await db.SaveChangesAsync(ct);
        await cache.RemoveAsync($"campaign:{coupon.CampaignId}:coupons", ct); // expect: CG1003
        return true;
    }

    public async Task ExpireCampaignAsync(int campaignId, CancellationToken ct)
    {
        await db.Coupons
            .Where(c => c.CampaignId == campaignId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresUtc, DateTime.UtcNow), ct);
        cache.Remove($"campaign:{campaignId}:coupons"); // expect: CG1003
    }

    public async Task<List<CouponSummary>> ListCampaignAsync(int campaignId, CancellationToken ct)
    {
        var key = $"campaign:{campaignId}:coupons";
        var json = await cache.GetStringAsync(key, ct);
        if (json is not null)
        {
            return JsonSerializer.Deserialize<List<CouponSummary>>(json) ?? [];
        }

        var list = await db.Coupons
            .Where(c => c.CampaignId == campaignId && c.ExpiresUtc > DateTime.UtcNow)
            .OrderBy(c => c.Code)
            .Select(c => new CouponSummary(c.Code, c.MaxRedemptions - c.Redemptions))
            .ToListAsync(ct);
        await cache.SetStringAsync(key, JsonSerializer.Serialize(list), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) }, ct);
        return list;
    }

    public async Task<int> GetCampaignRedemptionsAsync(int campaignId, CancellationToken ct)
    {
        var key = $"campaign:{campaignId}:redemptions";
        var cached = await _counters.StringGetAsync(key);
        if (cached.TryParse(out int total))
        {
            return total;
        }

        total = await db.Coupons.Where(c => c.CampaignId == campaignId).SumAsync(c => c.Redemptions, ct);
        await _counters.StringSetAsync(key, total, null, When.Always); // expect: CG1006
        return total;
    }

    public async Task<int> GetActiveCountAsync(int campaignId, CancellationToken ct)
    {
        var key = $"campaign:{campaignId}:active";
        var cached = await _counters.StringGetAsync(key);
        if (cached.TryParse(out int active))
        {
            return active;
        }

        active = await db.Coupons.CountAsync(c => c.CampaignId == campaignId && c.ExpiresUtc > DateTime.UtcNow, ct);
        // The key's TTL is set by the nightly job; keep it.
        await _counters.StringSetAsync(key, active, null, keepTtl: true);
        return active;
    }

    public async Task<int> GetExpiringSoonAsync(int campaignId, CancellationToken ct)
    {
        var key = $"campaign:{campaignId}:expiring";
        var cached = await _counters.StringGetAsync(key);
        if (cached.TryParse(out int expiring))
        {
            return expiring;
        }

        var soon = DateTime.UtcNow.AddDays(3);
        expiring = await db.Coupons.CountAsync(c => c.CampaignId == campaignId && c.ExpiresUtc < soon, ct);
        await _counters.StringSetAsync(key, expiring);
        await _counters.KeyExpireAsync(key, TimeSpan.FromMinutes(30));
        return expiring;
    }

    public static async Task<long> CountRedeemedTodayAsync(string redisConfiguration, CancellationToken ct)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redisConfiguration); // expect: CG1007
        var value = await connection.GetDatabase().StringGetAsync($"redeemed:{DateTime.UtcNow:yyyyMMdd}");
        ct.ThrowIfCancellationRequested();
        return value.TryParse(out long count) ? count : 0;
    }
}
