using StackExchange.Redis;

namespace CacheGen.Harness;

/// <summary>A row of the harness's "database": its id and the version the last write gave it.</summary>
public sealed record Row(int Id, long Version);

/// <summary>
/// The harness's "database". Rows live in Redis under <c>db:</c> keys that no cache touches, so every process of a run
/// sees the same rows, and every load is counted in Redis (<c>db:loads:{id}</c>) — the count is fleet-wide.
/// </summary>
public sealed class Database(IDatabase redis)
{
    /// <summary>How long a load takes after it has read the row (the stampede's "expensive query").</summary>
    public TimeSpan LoadTime { get; set; }

    /// <summary>Called after a load has read the row and before it returns; the consistency harness gates on it.</summary>
    public Func<Row, Task>? AfterRead { get; set; }

    public async Task<Row> LoadAsync(int id)
    {
        var loads = redis.StringIncrementAsync("db:loads:" + id);
        var version = (long)await redis.StringGetAsync("db:row:" + id);
        await loads;
        var row = new Row(id, version);
        if (LoadTime > TimeSpan.Zero)
        {
            await Task.Delay(LoadTime);
        }

        if (AfterRead is { } hook)
        {
            await hook(row);
        }

        return row;
    }

    /// <summary>Writes a new version of the row and returns it.</summary>
    public async Task<long> WriteAsync(int id) => await redis.StringIncrementAsync("db:row:" + id);

    public async Task<long> LoadsAsync(int id) => (long)await redis.StringGetAsync("db:loads:" + id);

    public async Task<long> VersionAsync(int id) => (long)await redis.StringGetAsync("db:row:" + id);
}
