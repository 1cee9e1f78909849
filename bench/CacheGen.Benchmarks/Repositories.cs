using CacheGen;

namespace CacheGen.Benchmarks;

public sealed record Report(int Year, int Month, decimal Revenue);

public interface IReports
{
    Task<Report> WithL1Async(int year, int month, CancellationToken ct = default);

    Task<Report> RedisOnlyAsync(int year, int month, CancellationToken ct = default);

    Task<Report> WithL1TaggedAsync(int year, int month, CancellationToken ct = default);

    Task<Report> RedisOnlyTaggedAsync(int year, int month, CancellationToken ct = default);
}

/// <summary>The "database": returns at once, so the benchmarks measure the cache, not the load.</summary>
public sealed class Reports : IReports
{
    [Cached("bench-l1:{year}:{month}", TtlSeconds = 3600, LocalTtlSeconds = 3600)]
    public Task<Report> WithL1Async(int year, int month, CancellationToken ct) => Task.FromResult(new Report(year, month, 1234.5m));

    [Cached("bench-redis:{year}:{month}", TtlSeconds = 3600)]
    public Task<Report> RedisOnlyAsync(int year, int month, CancellationToken ct) => Task.FromResult(new Report(year, month, 1234.5m));

    [Cached("bench-l1t:{year}:{month}", TtlSeconds = 3600, LocalTtlSeconds = 3600, Tags = ["bench", "bench:{year}"])]
    public Task<Report> WithL1TaggedAsync(int year, int month, CancellationToken ct) => Task.FromResult(new Report(year, month, 1234.5m));

    [Cached("bench-redist:{year}:{month}", TtlSeconds = 3600, Tags = ["bench", "bench:{year}"])]
    public Task<Report> RedisOnlyTaggedAsync(int year, int month, CancellationToken ct) => Task.FromResult(new Report(year, month, 1234.5m));
}
