// Loyalty points: EF Core for writes, a Dapper aggregate for the leaderboard, CacheGen for caching and invalidation.
// Key templates come from constants, invalidations use other placeholder names than the cached keys, and a
// synchronous invalidating method returns through an out parameter.
using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;
using Microsoft.EntityFrameworkCore;

namespace Corpus.EfLoyalty;

public sealed class Member
{
    public int MemberId { get; set; }
    public string Tier { get; set; } = "";
}

public sealed class PointsEntry
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public int Points { get; set; }
    public DateTime AtUtc { get; set; }
}

public sealed record LeaderboardRow(int MemberId, string Tier, int Points);

public sealed class LoyaltyDb(DbContextOptions<LoyaltyDb> options) : DbContext(options)
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<PointsEntry> Entries => Set<PointsEntry>();
}

public interface ILoyaltyService
{
    Task<int> GetBalanceAsync(int memberId, CancellationToken ct = default);
    Task<List<LeaderboardRow>> GetLeaderboardAsync(string tier, CancellationToken ct = default);
    Task AwardAsync(int member, int points, CancellationToken ct = default);
    Task PromoteAsync(Member member, string tier, CancellationToken ct = default);
    bool TryExpireLocal(int memberId, out int expired);
}

public sealed class LoyaltyService(LoyaltyDb db, DbConnection connection) : ILoyaltyService
{
    private const string BalanceKey = "loyalty:balance:{memberId}";
    private const string LeaderboardKey = "loyalty:leaderboard:{tier}";

    private const string LeaderboardSql = """
        SELECT m.MemberId, m.Tier, SUM(e.Points) AS Points
        FROM Members m
        JOIN Entries e ON e.MemberId = m.MemberId
        WHERE m.Tier = @tier
        GROUP BY m.MemberId, m.Tier
        ORDER BY Points DESC
        LIMIT 10
        """;

    [Cached(BalanceKey, TtlSeconds = 120, StaleSeconds = 60)]
    public Task<int> GetBalanceAsync(int memberId, CancellationToken ct)
        => db.Entries.Where(e => e.MemberId == memberId).SumAsync(e => e.Points, ct);

    [Cached(LeaderboardKey, TtlSeconds = 300)]
    public async Task<List<LeaderboardRow>> GetLeaderboardAsync(string tier, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<LeaderboardRow>(new CommandDefinition(LeaderboardSql, new { tier }, cancellationToken: ct));
        return rows.ToList();
    }

    [InvalidatesCache("loyalty:balance:{member}")]
    public async Task AwardAsync(int member, int points, CancellationToken ct)
    {
        db.Entries.Add(new PointsEntry { MemberId = member, Points = points, AtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
    }

    [InvalidatesCache("loyalty:leaderboard:{member.Tier}")]
    [InvalidatesCache("loyalty:leaderboard:{tier}")]
    public async Task PromoteAsync(Member member, string tier, CancellationToken ct)
    {
        member.Tier = tier;
        db.Members.Update(member);
        await db.SaveChangesAsync(ct);
    }

    [InvalidatesCache("loyalty:balance:{memberId}")]
    public bool TryExpireLocal(int memberId, out int expired)
    {
        var cutoff = DateTime.UtcNow.AddYears(-2);
        expired = db.Entries.Where(e => e.MemberId == memberId && e.AtUtc < cutoff).ExecuteDelete();
        return expired > 0;
    }
}
