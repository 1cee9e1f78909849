// Audit reporting over EF Core: cached daily aggregates (one through an explicit interface implementation, one as a
// ValueTask), a purge with ExecuteDeleteAsync invalidated through ICacheInvalidator, and an uncached key lookup.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Microsoft.EntityFrameworkCore;

namespace Corpus.EfAudit;

public enum Severity
{
    Info,
    Warning,
    Critical,
}

public sealed class AuditEntry
{
    public long Id { get; set; }
    public string Tenant { get; set; } = "";
    public Severity Severity { get; set; }
    public string Action { get; set; } = "";
    public DateOnly Day { get; set; }
}

public sealed record DailyAudit(DateOnly Day, int Info, int Warnings, int Critical);

public sealed record ActionCount(string Action, int Count);

public sealed class AuditDb(DbContextOptions<AuditDb> options) : DbContext(options)
{
    public DbSet<AuditEntry> Entries => Set<AuditEntry>();
}

public interface IAuditReports
{
    Task<DailyAudit> GetDailyAsync(string tenant, DateOnly day, CancellationToken ct = default);
    ValueTask<ActionCount[]> GetTopActionsAsync(string tenant, Severity minimum, int top, CancellationToken ct = default);
    Task<AuditEntry?> GetEntryAsync(long id, CancellationToken ct = default);
    Task<int> PurgeDayAsync(string tenant, DateOnly day, CancellationToken ct = default);
    Task AppendAsync(AuditEntry entry, CancellationToken ct = default);
}

public sealed class AuditReports(AuditDb db, ICacheInvalidator invalidator) : IAuditReports
{
    [Cached("audit:{tenant}:{day}", TtlSeconds = 3600, LocalTtlSeconds = 30)]
    async Task<DailyAudit> IAuditReports.GetDailyAsync(string tenant, DateOnly day, CancellationToken ct)
    {
        var daily = await db.Entries
            .Where(e => e.Tenant == tenant && e.Day == day)
            .GroupBy(e => e.Day)
            .Select(g => new DailyAudit(
                g.Key,
                g.Count(e => e.Severity == Severity.Info),
                g.Count(e => e.Severity == Severity.Warning),
                g.Count(e => e.Severity == Severity.Critical)))
            .FirstOrDefaultAsync(ct);
        return daily ?? new DailyAudit(day, 0, 0, 0);
    }

    [Cached("audit:{tenant}:top:{minimum}:{top}", TtlSeconds = 600, JitterPercent = 50, StaleSeconds = 0)]
    public async ValueTask<ActionCount[]> GetTopActionsAsync(string tenant, Severity minimum, int top, CancellationToken ct)
        => await db.Entries
            .Where(e => e.Tenant == tenant && e.Severity >= minimum)
            .GroupBy(e => e.Action)
            .Select(g => new ActionCount(g.Key, g.Count()))
            .OrderByDescending(a => a.Count)
            .Take(top)
            .ToArrayAsync(ct);

    public Task<AuditEntry?> GetEntryAsync(long id, CancellationToken ct)
        => db.Entries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);

    public async Task<int> PurgeDayAsync(string tenant, DateOnly day, CancellationToken ct)
    {
        var removed = await db.Entries.Where(e => e.Tenant == tenant && e.Day == day).ExecuteDeleteAsync(ct);
        await invalidator.InvalidateAsync($"audit:{tenant}:{CacheKeyFormat.Format(day)}", ct);
        return removed;
    }

    [InvalidatesCache("audit:{entry.Tenant}:{entry.Day}")]
    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        db.Entries.Add(entry);
        await db.SaveChangesAsync(ct);
    }
}
