// User activity queries whose cache keys do not match their parameters: a page left out of the key, a placeholder
// naming a parameter that was renamed, a member path with a typo. The trace id is correctly kept out of the key.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Microsoft.EntityFrameworkCore;

namespace Corpus.EfUserActivity;

public sealed class ActivityEvent
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

public sealed record ActivityQuery(Guid UserId, string Kind, DateOnly From, DateOnly To);

public sealed record ActivityRow(string Kind, DateTime AtUtc);

public sealed record KindCount(string Kind, int Count);

public sealed class ActivityDb(DbContextOptions<ActivityDb> options) : DbContext(options)
{
    public DbSet<ActivityEvent> Events => Set<ActivityEvent>();
}

public interface IUserActivityService
{
    Task<List<ActivityRow>> RecentAsync(Guid userId, int page, int pageSize, string? traceId, CancellationToken ct = default);
    Task<List<KindCount>> CountsByKindAsync(Guid id, DateOnly day, CancellationToken ct = default);
    Task<int> CountAsync(ActivityQuery query, CancellationToken ct = default);
    Task<List<KindCount>> CountsInRangeAsync(ActivityQuery query, bool includeSystem, CancellationToken ct = default);
}

public sealed class UserActivityService(ActivityDb db) : IUserActivityService
{
    [Cached("activity:{userId}:recent:{pageSize}", TtlSeconds = 60)]
    public async Task<List<ActivityRow>> RecentAsync(
        Guid userId,
        int page, // expect: CG0004
        int pageSize,
        [NotCacheKey] string? traceId,
        CancellationToken ct)
    {
        return await db.Events
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.AtUtc)
            .Skip(page * pageSize)
            .Take(pageSize)
            .Select(e => new ActivityRow(e.Kind, e.AtUtc))
            .ToListAsync(ct);
    }

    [Cached("activity:{userId}:kinds:{day}", TtlSeconds = 300)] // expect: CG0001
    public async Task<List<KindCount>> CountsByKindAsync(
        Guid id, // expect: CG0004
        DateOnly day,
        CancellationToken ct)
    {
        var from = day.ToDateTime(TimeOnly.MinValue);
        var to = from.AddDays(1);
        return await db.Events
            .Where(e => e.UserId == id && e.AtUtc >= from && e.AtUtc < to)
            .GroupBy(e => e.Kind)
            .Select(g => new KindCount(g.Key, g.Count()))
            .ToListAsync(ct);
    }

    [Cached("activity:{query.UserId}:{query.Knd}:{query.From}:{query.To}", TtlSeconds = 300)] // expect: CG0001
    public Task<int> CountAsync(
        ActivityQuery query,
        CancellationToken ct)
    {
        var from = query.From.ToDateTime(TimeOnly.MinValue);
        var to = query.To.ToDateTime(TimeOnly.MinValue);
        return db.Events.CountAsync(e => e.UserId == query.UserId && e.Kind == query.Kind && e.AtUtc >= from && e.AtUtc < to, ct);
    }

    [Cached("activity:{query.UserId}:range:{query.From}:{query.To}:{includeSystem}", TtlSeconds = 300)]
    public async Task<List<KindCount>> CountsInRangeAsync(
        ActivityQuery query,
        bool includeSystem,
        CancellationToken ct)
    {
        var from = query.From.ToDateTime(TimeOnly.MinValue);
        var to = query.To.ToDateTime(TimeOnly.MinValue);
        return await db.Events
            .Where(e => e.UserId == query.UserId && e.AtUtc >= from && e.AtUtc < to)
            .Where(e => includeSystem || !e.Kind.StartsWith("system."))
            .GroupBy(e => e.Kind)
            .Select(g => new KindCount(g.Key, g.Count()))
            .ToListAsync(ct);
    }
}
