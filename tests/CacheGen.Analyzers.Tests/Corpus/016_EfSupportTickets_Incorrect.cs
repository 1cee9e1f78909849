// Support desk service: a cached ticket lookup by key, a cached abstract base type nothing can deserialize, a queue
// filter missing from the key, and a close path that deletes two keys after SaveChanges. The polymorphic SLA type
// and the aggregate per queue are fine.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Corpus.EfSupport;

public sealed class Ticket
{
    public int TicketId { get; set; }
    public string Queue { get; set; } = "";
    public string Subject { get; set; } = "";
    public bool Closed { get; set; }
    public int Priority { get; set; }
    public DateTime OpenedUtc { get; set; }
}

public abstract class TicketDigest
{
    public int Open { get; set; }
}

public sealed class QueueDigest : TicketDigest
{
    public string Queue { get; set; } = "";
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(StandardSla), "standard")]
[JsonDerivedType(typeof(PremiumSla), "premium")]
public abstract record Sla(TimeSpan FirstResponse);

public sealed record StandardSla(TimeSpan FirstResponse) : Sla(FirstResponse);

public sealed record PremiumSla(TimeSpan FirstResponse, string Manager) : Sla(FirstResponse);

public sealed record QueueLoad(string Queue, int Open, int Urgent);

public sealed class HelpdeskDb(DbContextOptions<HelpdeskDb> options) : DbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
}

public interface ISupportTickets
{
    Task<Ticket?> GetTicketAsync(int ticketId, CancellationToken ct = default);
    Task<TicketDigest> GetDigestAsync(string queue, CancellationToken ct = default);
    Task<Sla> GetSlaAsync(string queue, CancellationToken ct = default);
    Task<List<Ticket>> SearchAsync(string text, string queue, bool includeClosed, CancellationToken ct = default);
    Task<List<QueueLoad>> GetQueueLoadAsync(CancellationToken ct = default);
    Task<int> CountOpenAsync(string queue, CancellationToken ct = default);
}

public sealed class SupportTickets(HelpdeskDb db, IDatabase redis) : ISupportTickets
{
    [Cached("ticket:{ticketId}", TtlSeconds = 60)] // expect: CG1004
    public Task<Ticket?> GetTicketAsync(int ticketId, CancellationToken ct)
        => db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.TicketId == ticketId, ct);

    [Cached("digest:{queue}", TtlSeconds = 60)]
    public async Task<TicketDigest> GetDigestAsync(string queue, CancellationToken ct) // expect: CG0007
    {
        var open = await db.Tickets.CountAsync(t => t.Queue == queue && !t.Closed, ct);
        return new QueueDigest { Queue = queue, Open = open };
    }

    [Cached("sla:{queue}", TtlSeconds = 3600)]
    public async Task<Sla> GetSlaAsync(string queue, CancellationToken ct)
    {
        var urgent = await db.Tickets.AnyAsync(t => t.Queue == queue && t.Priority > 8 && !t.Closed, ct);
        return urgent ? new PremiumSla(TimeSpan.FromMinutes(15), "duty-manager") : new StandardSla(TimeSpan.FromHours(4));
    }

    [Cached("tickets:search:{text}:{queue}", TtlSeconds = 30)]
    public async Task<List<Ticket>> SearchAsync(
        string text,
        string queue,
        bool includeClosed, // expect: CG0004
        CancellationToken ct)
    {
        return await db.Tickets
            .AsNoTracking()
            .Where(t => t.Queue == queue && t.Subject.Contains(text) && (includeClosed || !t.Closed))
            .OrderByDescending(t => t.Priority).ThenBy(t => t.OpenedUtc)
            .Take(50)
            .ToListAsync(ct);
    }

    [Cached("queues:load", TtlSeconds = 30, JitterPercent = 0)]
    public async Task<List<QueueLoad>> GetQueueLoadAsync(CancellationToken ct)
        => await db.Tickets
            .Where(t => !t.Closed)
            .GroupBy(t => t.Queue)
            .Select(g => new QueueLoad(g.Key, g.Count(), g.Count(t => t.Priority > 8)))
            .ToListAsync(ct);

    [Cached("tickets:open:{Queue}", TtlSeconds = 30)] // expect: CG0001
    public Task<int> CountOpenAsync(
        string queue, // expect: CG0004
        CancellationToken ct)
        => db.Tickets.CountAsync(t => t.Queue == queue && !t.Closed, ct);

    public async Task CloseAsync(int ticketId, CancellationToken ct)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null)
        {
            return;
        }

        ticket.Closed = true;
        await db.SaveChangesAsync(ct);
        await redis.KeyDeleteAsync($"ticket:{ticketId}"); // expect: CG1003
        await redis.KeyDeleteAsync($"digest:{ticket.Queue}"); // expect: CG1003
    }
}
