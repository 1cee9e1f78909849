// Tag queries where [Cached] wraps results that cannot be serialized: a query object, a deferred LINQ query over the
// DbContext, and an interface with no concrete type. The materialized variants next to them are fine.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Microsoft.EntityFrameworkCore;

namespace Corpus.EfTags;

public sealed class Tag
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int Uses { get; set; }
}

public interface ITagCloud
{
    IReadOnlyDictionary<string, int> Weights { get; }
}

public sealed class TagCloud(IReadOnlyDictionary<string, int> weights) : ITagCloud
{
    public IReadOnlyDictionary<string, int> Weights { get; } = weights;
}

public sealed class TagsDb(DbContextOptions<TagsDb> options) : DbContext(options)
{
    public DbSet<Tag> Tags => Set<Tag>();
}

public interface ITagQueries
{
    Task<IQueryable<Tag>> PopularAsync(int minUses, CancellationToken ct = default);
    Task<IEnumerable<string>> NamesStartingWithAsync(string prefix, CancellationToken ct = default);
    Task<ITagCloud> CloudAsync(int top, CancellationToken ct = default);
    Task<IReadOnlyList<string>> TopNamesAsync(int top, CancellationToken ct = default);
    Task<IEnumerable<Tag>> AllAsync(CancellationToken ct = default);
}

public sealed class TagQueries(TagsDb db) : ITagQueries
{
    [Cached("tags:popular:{minUses}")]
    public Task<IQueryable<Tag>> PopularAsync(int minUses, CancellationToken ct) // expect: CG0007
        => Task.FromResult(db.Tags.Where(t => t.Uses >= minUses));

    [Cached("tags:prefix:{prefix}")]
    public async Task<IEnumerable<string>> NamesStartingWithAsync(string prefix, CancellationToken ct)
    {
        await Task.Yield();
        return db.Tags.Where(t => t.Name.StartsWith(prefix)).Select(t => t.Name); // expect: CG0007
    }

    [Cached("tags:cloud:{top}")]
    public async Task<ITagCloud> CloudAsync(int top, CancellationToken ct) // expect: CG0007
    {
        var weights = await db.Tags.OrderByDescending(t => t.Uses).Take(top).ToDictionaryAsync(t => t.Name, t => t.Uses, ct);
        return new TagCloud(weights);
    }

    [Cached("tags:top:{top}", TtlSeconds = 300)]
    public async Task<IReadOnlyList<string>> TopNamesAsync(int top, CancellationToken ct)
        => await db.Tags.OrderByDescending(t => t.Uses).Take(top).Select(t => t.Name).ToListAsync(ct);

    // Declared IEnumerable, but the value is a materialized list: fine.
    [Cached("tags:all", TtlSeconds = 300)]
    public async Task<IEnumerable<Tag>> AllAsync(CancellationToken ct)
    {
        var all = await db.Tags.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        return all;
    }
}
