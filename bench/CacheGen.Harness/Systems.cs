using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Locking.Distributed.Redis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace CacheGen.Harness;

/// <summary>One instance of a caching system, as one application instance would hold it (its own connections and L1).</summary>
public interface ICacheSystem : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Whether the system keeps an in-process copy (L1).</summary>
    bool HasL1 { get; }

    /// <summary>Reads row <paramref name="id"/> through the cache, loading it from the database on a miss.</summary>
    Task<Row> GetAsync(int id);

    /// <summary>Writes a new version of the row to the database, then invalidates it the way the system is meant to be used.</summary>
    Task WriteAndInvalidateAsync(int id);
}

public static class Systems
{
    /// <summary>The systems compared, by the names the command line uses.</summary>
    public static readonly string[] All = ["cachegen", "fusioncache", "hybridcache", "seed"];

    public static string Display(string name) => name switch
    {
        "cachegen" => "CacheGen",
        "fusioncache" => "FusionCache + Redis locker + backplane",
        "hybridcache" => "HybridCache + Redis",
        "seed" => "seed article lock-and-sleep",
        _ => name,
    };

    public static async Task<ICacheSystem> CreateAsync(string name, string endpoint, Database database) => name switch
    {
        "cachegen" => await CacheGenSystem.CreateAsync(endpoint, database),
        "fusioncache" => await FusionSystem.CreateAsync(endpoint, database),
        "hybridcache" => HybridSystem.Create(endpoint, database),
        "seed" => await SeedLockAndSleep.CreateAsync(endpoint, database),
        _ => throw new ArgumentException($"unknown system '{name}'; use one of: {string.Join(", ", All)}", nameof(name)),
    };
}

/// <summary>CacheGen through its generated decorator of <see cref="RowStore"/>.</summary>
public sealed class CacheGenSystem : ICacheSystem
{
    private readonly ServiceProvider _services;
    private readonly IRowStore _rows;

    private CacheGenSystem(ServiceProvider services)
    {
        _services = services;
        _rows = services.GetRequiredService<IRowStore>();
    }

    public static async Task<ICacheSystem> CreateAsync(string endpoint, Database database)
    {
        var services = new ServiceCollection()
            .AddSingleton(database)
            .AddCacheGen(o => { o.Redis = endpoint; o.KeyPrefix = "cg:"; })
            .AddCached<IRowStore, RowStore>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        await services.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        return new CacheGenSystem(services);
    }

    public string Name => "cachegen";

    public bool HasL1 => true;

    public Task<Row> GetAsync(int id) => _rows.GetAsync(id);

    public Task WriteAndInvalidateAsync(int id) => _rows.SaveAsync(id);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>FusionCache 2.9: L1, Redis as distributed cache, the Redis backplane and the Redis distributed locker.</summary>
public sealed class FusionSystem(FusionCache cache, Database database) : ICacheSystem
{
    public static Task<ICacheSystem> CreateAsync(string endpoint, Database database)
    {
        var cache = new FusionCache(new FusionCacheOptions
        {
            CacheName = "harness",
            DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TimeSpan.FromMinutes(10) },
        });
        cache.SetupSerializer(new FusionCacheSystemTextJsonSerializer());
        cache.SetupDistributedCache(new RedisCache(new RedisCacheOptions { Configuration = endpoint, InstanceName = "fu:" }));
        cache.SetupBackplane(new RedisBackplane(new RedisBackplaneOptions { Configuration = endpoint }));
        cache.SetupDistributedLocker(new RedisDistributedLocker(new RedisDistributedLockerOptions { Configuration = endpoint }));
        return Task.FromResult<ICacheSystem>(new FusionSystem(cache, database));
    }

    public string Name => "fusioncache";

    public bool HasL1 => true;

    public async Task<Row> GetAsync(int id) => await cache.GetOrSetAsync<Row>("row:" + id, (_, _) => database.LoadAsync(id));

    public async Task WriteAndInvalidateAsync(int id)
    {
        await database.WriteAsync(id);
        await cache.RemoveAsync("row:" + id);
    }

    public ValueTask DisposeAsync()
    {
        cache.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Microsoft's HybridCache 10.11: L1 plus Redis through <c>AddStackExchangeRedisCache</c>; it has no backplane.</summary>
public sealed class HybridSystem : ICacheSystem
{
    private readonly ServiceProvider _services;
    private readonly HybridCache _cache;
    private readonly Database _database;

    private HybridSystem(ServiceProvider services, Database database)
    {
        _services = services;
        _cache = services.GetRequiredService<HybridCache>();
        _database = database;
    }

    public static ICacheSystem Create(string endpoint, Database database)
    {
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(o => { o.Configuration = endpoint; o.InstanceName = "hy:"; });
        services.AddHybridCache(o => o.DefaultEntryOptions = new HybridCacheEntryOptions
        {
            Expiration = TimeSpan.FromMinutes(10),
            LocalCacheExpiration = TimeSpan.FromMinutes(10),
        });
        return new HybridSystem(services.BuildServiceProvider(), database);
    }

    public string Name => "hybridcache";

    public bool HasL1 => true;

    public async Task<Row> GetAsync(int id) =>
        await _cache.GetOrCreateAsync("row:" + id, (Database: _database, Id: id), static async (state, _) => await state.Database.LoadAsync(state.Id));

    public async Task WriteAndInvalidateAsync(int id)
    {
        await _database.WriteAsync(id);
        await _cache.RemoveAsync("row:" + id);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>
/// The seed article's cache-aside, in C#: GET; on a miss <c>SET lock NX EX 5</c>; the winner loads, <c>SETEX</c>s and
/// deletes the lock; everyone else sleeps 100 ms and tries again. Invalidation deletes the key. No L1.
/// </summary>
public sealed class SeedLockAndSleep(ConnectionMultiplexer connection, Database database) : ICacheSystem
{
    private readonly IDatabase _redis = connection.GetDatabase();

    public static async Task<ICacheSystem> CreateAsync(string endpoint, Database database) =>
        new SeedLockAndSleep(await ConnectionMultiplexer.ConnectAsync(endpoint), database);

    public string Name => "seed";

    public bool HasL1 => false;

    public async Task<Row> GetAsync(int id)
    {
        var key = "seed:row:" + id;
        while (true)
        {
            var cached = await _redis.StringGetAsync(key);
            if (cached.HasValue)
            {
                return JsonSerializer.Deserialize<Row>((byte[])cached!)!;
            }

            var lockKey = "lock:" + key;
            if (await _redis.StringSetAsync(lockKey, "locked", TimeSpan.FromSeconds(5), When.NotExists))
            {
                try
                {
                    var row = await database.LoadAsync(id);
                    await _redis.StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(row), TimeSpan.FromHours(1));
                    return row;
                }
                finally
                {
                    await _redis.KeyDeleteAsync(lockKey);
                }
            }

            await Task.Delay(100);
        }
    }

    public async Task WriteAndInvalidateAsync(int id)
    {
        await database.WriteAsync(id);
        await _redis.KeyDeleteAsync("seed:row:" + id);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
