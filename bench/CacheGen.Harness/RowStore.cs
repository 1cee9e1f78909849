namespace CacheGen.Harness;

/// <summary>The repository CacheGen decorates in the harness.</summary>
public interface IRowStore
{
    Task<Row> GetAsync(int id, CancellationToken ct = default);

    Task SaveAsync(int id, CancellationToken ct = default);
}

/// <summary>Cache-aside by attribute: the generated decorator holds every piece of caching logic.</summary>
public sealed class RowStore(Database database) : IRowStore
{
    [Cached("row:{id}", TtlSeconds = 600, LocalTtlSeconds = 600, JitterPercent = 0)]
    public Task<Row> GetAsync(int id, CancellationToken ct) => database.LoadAsync(id);

    [InvalidatesCache("row:{id}")]
    public Task SaveAsync(int id, CancellationToken ct) => database.WriteAsync(id);
}
