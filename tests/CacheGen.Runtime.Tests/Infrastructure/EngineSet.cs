using CacheGen;
using StackExchange.Redis;

namespace CacheGen.Tests.Infrastructure;

/// <summary>
/// Several application instances in one test: each engine has its own multiplexer, all share one key prefix and
/// invalidation channel.
/// </summary>
public sealed class EngineSet : IAsyncDisposable
{
    private readonly List<CacheEngine> _engines = [];

    private EngineSet(CacheGenOptions template) => Template = template;

    public CacheGenOptions Template { get; }

    public IReadOnlyList<CacheEngine> Engines => _engines;

    public CacheEngine this[int index] => _engines[index];

    public static async Task<EngineSet> StartAsync(string endpoint, int count, Action<CacheGenOptions>? configure = null, TimeProvider? time = null, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        var set = new EngineSet(RedisServerFixture.NewOptions(endpoint, testName));
        for (var i = 0; i < count; i++)
        {
            await set.AddAsync(configure, time);
        }

        return set;
    }

    public async Task<CacheEngine> AddAsync(Action<CacheGenOptions>? configure = null, TimeProvider? time = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var options = new CacheGenOptions
        {
            Redis = Template.Redis,
            KeyPrefix = Template.KeyPrefix,
            InvalidationChannel = Template.InvalidationChannel,
        };
        configure?.Invoke(options);
        var engine = new CacheEngine(options, loggerFactory: loggerFactory, timeProvider: time);
        _engines.Add(engine);
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        return engine;
    }

    public RedisKey ValueKey(string logicalKey) => Template.KeyPrefix + "{" + logicalKey + "}";

    public RedisKey LeaseKey(string logicalKey) => Template.KeyPrefix + "{" + logicalKey + "}:lease";

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }
    }
}
