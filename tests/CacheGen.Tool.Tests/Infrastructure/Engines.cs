using StackExchange.Redis;

namespace CacheGen.Tool.Tests.Infrastructure;

/// <summary>CacheGen engines (application instances) on the test's server, disposed with the test.</summary>
public sealed class Engines(string endpoint, string prefix, string channel = "cache_invalidation") : IAsyncDisposable
{
    private readonly List<CacheEngine> _engines = [];

    public async Task<CacheEngine> AddAsync()
    {
        var engine = new CacheEngine(new CacheGenOptions { Redis = endpoint, KeyPrefix = prefix, InvalidationChannel = channel });
        _engines.Add(engine);
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        return engine;
    }

    /// <summary>Writes <paramref name="count"/> entries through the engine, as an application's reads would.</summary>
    public static async Task FillAsync(CacheEngine engine, string keyspace, int count, int ttlSeconds = 600, IReadOnlyList<string>? tags = null)
    {
        var options = new CacheEntryOptions { TtlSeconds = ttlSeconds, StaleSeconds = 60, Tags = tags };
        for (var i = 0; i < count; i++)
        {
            await engine.GetOrLoadAsync($"{keyspace}:{i}", i, static (n, _) => ValueTask.FromResult($"value {n}"), options);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }
    }
}
