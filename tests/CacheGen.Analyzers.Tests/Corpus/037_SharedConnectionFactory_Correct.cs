// Connection handling done right: one multiplexer per process, behind a Lazy, a static holder, an async factory
// that returns it, or an owner that disposes it in its own Dispose.
using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.SharedConnection;

public static class RedisConnectionFactory
{
    private static readonly Lazy<ConnectionMultiplexer> Shared =
        new(() => ConnectionMultiplexer.Connect("cache-primary:6379,cache-replica:6379,abortConnect=false"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static IConnectionMultiplexer Connection => Shared.Value;

    public static IConnectionMultiplexer Create(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.ClientName = "corpus-worker";
        return ConnectionMultiplexer.Connect(options);
    }

    public static async Task<IConnectionMultiplexer> CreateAsync(string configuration)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        multiplexer.ConnectionRestored += (_, e) => Console.WriteLine($"redis restored: {e.EndPoint}");
        return multiplexer;
    }
}

public sealed class RedisConnectionHolder : IAsyncDisposable
{
    private static RedisConnectionHolder? _instance;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private ConnectionMultiplexer? _connection;

    private RedisConnectionHolder()
    {
    }

    public static async Task<RedisConnectionHolder> GetAsync(string configuration)
    {
        if (_instance is not null)
        {
            return _instance;
        }

        await Gate.WaitAsync();
        try
        {
            _instance ??= new RedisConnectionHolder();
            _instance._connection ??= await ConnectionMultiplexer.ConnectAsync(configuration);
            return _instance;
        }
        finally
        {
            Gate.Release();
        }
    }

    public IDatabase Database => (_connection ?? throw new InvalidOperationException("not connected")).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}

public sealed class PriceCache
{
    private readonly IDatabase _db;

    public PriceCache() => _db = RedisConnectionFactory.Connection.GetDatabase();

    public async Task<decimal?> GetAsync(string sku)
    {
        var value = await _db.StringGetAsync($"price:{sku}");
        return value.IsNull ? null : (decimal)value;
    }
}
