// A profile service that wraps Dapper reads in hand-written Redis cache-aside. The profile read caches a one-row lookup
// by primary key, and writes it back without an expiry; the activity feed is an expensive query, but its cached
// copy never expires either. The badge counts use an expiry set afterwards with KeyExpire, which is fine.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using StackExchange.Redis;

namespace Corpus.DapperProfiles;

public sealed class UserProfile
{
    public long Id { get; set; }
    public string DisplayName { get; set; } = "";
    public string? Bio { get; set; }
    public string? AvatarUrl { get; set; }
}

public sealed record ActivityItem(long UserId, string Kind, DateTime At, string Title);

public sealed record BadgeCount(string Badge, int Count);

public sealed class ProfileService(IDbConnection db, IDatabase redis)
{
    public async Task<UserProfile?> GetProfileAsync(long id)
    {
        var key = $"profile:{id}";
        var json = await redis.StringGetAsync(key);
        if (!json.IsNull)
        {
            return JsonSerializer.Deserialize<UserProfile>(json.ToString());
        }

        var profile = await db.QuerySingleOrDefaultAsync<UserProfile>( // expect: CG1004
            "SELECT Id, DisplayName, Bio, AvatarUrl FROM UserProfiles WHERE Id = @id",
            new { id });
        if (profile is not null)
        {
            await redis.StringSetAsync(key, JsonSerializer.Serialize(profile)); // expect: CG1006
        }

        return profile;
    }

    public async Task<IReadOnlyList<ActivityItem>> GetActivityFeedAsync(long userId)
    {
        var key = $"feed:{userId}";
        var cached = await redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<List<ActivityItem>>(cached.ToString())!;
        }

        var feed = (await db.QueryAsync<ActivityItem>(
            """
            SELECT f.FolloweeId AS UserId, a.Kind, a.At, a.Title
            FROM Follows f
            JOIN Activities a ON a.UserId = f.FolloweeId
            WHERE f.FollowerId = @userId
            ORDER BY a.At DESC
            """,
            new { userId })).Take(100).ToList();
        await redis.StringSetAsync(key, JsonSerializer.Serialize(feed), when: When.Always); // expect: CG1006
        return feed;
    }

    public async Task<IReadOnlyList<BadgeCount>> GetBadgesAsync(long userId)
    {
        var key = $"badges:{userId}";
        var cached = await redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<List<BadgeCount>>(cached.ToString())!;
        }

        var badges = (await db.QueryAsync<BadgeCount>(
            "SELECT Badge, COUNT(*) AS Count FROM Awards WHERE UserId = @userId GROUP BY Badge",
            new { userId })).ToList();
        await redis.StringSetAsync(key, JsonSerializer.Serialize(badges));
        await redis.KeyExpireAsync(key, TimeSpan.FromMinutes(30));
        return badges;
    }
}
