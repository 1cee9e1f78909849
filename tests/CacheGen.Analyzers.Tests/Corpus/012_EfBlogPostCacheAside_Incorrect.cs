// Blog post reads with hand-written Redis cache-aside. Caching a post fetched by its primary key only adds a hop;
// caching the rendered archive (a grouped query) and a post page that also loads comments is worth it.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Corpus.EfBlog;

public sealed class Post
{
    public int PostId { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime PublishedUtc { get; set; }
}

public sealed class Comment
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
}

public sealed record ArchiveMonth(int Year, int Month, int Posts);

public sealed record PostPage(Post Post, List<Comment> Comments);

public sealed class BlogDb(DbContextOptions<BlogDb> options) : DbContext(options)
{
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Comment> Comments => Set<Comment>();
}

public sealed class BlogReader(BlogDb db, IConnectionMultiplexer redis)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);
    private readonly IDatabase _redis = redis.GetDatabase();

    public async Task<Post?> GetPostAsync(int postId, CancellationToken ct)
    {
        var key = $"post:{postId}";
        var hit = await _redis.StringGetAsync(key);
        if (hit.HasValue)
        {
            return JsonSerializer.Deserialize<Post>(hit.ToString());
        }

        var post = await db.Posts.FindAsync([postId], ct); // expect: CG1004
        if (post is not null)
        {
            await _redis.StringSetAsync(key, JsonSerializer.Serialize(post), Ttl);
        }

        return post;
    }

    public async Task<Post?> GetPostNoTrackingAsync(int postId, CancellationToken ct)
    {
        var key = $"post:nt:{postId}";
        var hit = await _redis.StringGetAsync(key);
        if (!hit.IsNull)
        {
            return JsonSerializer.Deserialize<Post>(hit.ToString());
        }

        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.PostId == postId, ct); // expect: CG1004
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(post), Ttl);
        return post;
    }

    public async Task<List<ArchiveMonth>> GetArchiveAsync(CancellationToken ct)
    {
        const string key = "blog:archive";
        var hit = await _redis.StringGetAsync(key);
        if (hit.HasValue)
        {
            return JsonSerializer.Deserialize<List<ArchiveMonth>>(hit.ToString()) ?? [];
        }

        var months = await db.Posts
            .GroupBy(p => new { p.PublishedUtc.Year, p.PublishedUtc.Month })
            .Select(g => new ArchiveMonth(g.Key.Year, g.Key.Month, g.Count()))
            .OrderByDescending(m => m.Year).ThenByDescending(m => m.Month)
            .ToListAsync(ct);
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(months), Ttl);
        return months;
    }

    public async Task<PostPage?> GetPostPageAsync(int postId, CancellationToken ct)
    {
        var key = $"post:page:{postId}";
        var hit = await _redis.StringGetAsync(key);
        if (hit.HasValue)
        {
            return JsonSerializer.Deserialize<PostPage>(hit.ToString());
        }

        // Two queries: the key lookup is not the method's only database call.
        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.PostId == postId, ct);
        if (post is null)
        {
            return null;
        }

        var comments = await db.Comments.AsNoTracking().Where(c => c.PostId == postId).OrderBy(c => c.Id).ToListAsync(ct);
        var page = new PostPage(post, comments);
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(page), Ttl);
        return page;
    }

    // A post by slug: not a key lookup (Slug is not the key), so no CG1004.
    public async Task<Post?> GetBySlugAsync(string slug, CancellationToken ct)
    {
        var key = $"post:slug:{slug}";
        var hit = await _redis.StringGetAsync(key);
        if (hit.HasValue)
        {
            return JsonSerializer.Deserialize<Post>(hit.ToString());
        }

        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, ct);
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(post), Ttl);
        return post;
    }
}
