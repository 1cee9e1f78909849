// Two-level cache (an in-process dictionary over Redis) kept coherent with a pub/sub invalidation channel, plus a
// small key registry with a method of its own called Keys. No whole-keyspace scan, no KEYS command.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.InvalidationBus;

public sealed class LocalCache
{
    private readonly ConcurrentDictionary<string, (string Value, DateTime ExpiresUtc)> _entries = new();

    public bool TryGetValue(string key, out string? value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresUtc > DateTime.UtcNow)
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    public void Set(string key, string value, TimeSpan ttl) => _entries[key] = (value, DateTime.UtcNow + ttl);

    public void Remove(string key) => _entries.TryRemove(key, out _);
}

public sealed class LocalKeyRegistry
{
    private readonly ConcurrentDictionary<string, byte> _keys = new();

    public void Track(string key) => _keys.TryAdd(key, 0);

    public void Forget(string key) => _keys.TryRemove(key, out _);

    public IEnumerable<string> Keys(string prefix) => _keys.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal));

    public Task<IReadOnlyList<string>> KeysAsync(string prefix) => Task.FromResult<IReadOnlyList<string>>(Keys(prefix).ToList());
}

public sealed class InvalidationBus : IAsyncDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("cache:invalidate");

    private readonly ISubscriber _subscriber;
    private readonly LocalCache _local;
    private readonly LocalKeyRegistry _registry;
    private ChannelMessageQueue? _queue;

    public InvalidationBus(IConnectionMultiplexer redis, LocalCache local, LocalKeyRegistry registry)
    {
        _subscriber = redis.GetSubscriber();
        _local = local;
        _registry = registry;
    }

    public async Task StartAsync()
    {
        _queue = await _subscriber.SubscribeAsync(Channel);
        _queue.OnMessage(message =>
        {
            var key = message.Message.ToString();
            if (key.EndsWith('*'))
            {
                foreach (var local in _registry.Keys(key.TrimEnd('*')))
                {
                    _local.Remove(local);
                    _registry.Forget(local);
                }
            }
            else
            {
                _local.Remove(key);
                _registry.Forget(key);
            }
        });
    }

    public Task<long> BroadcastAsync(string key) => _subscriber.PublishAsync(Channel, key);

    public async ValueTask DisposeAsync()
    {
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }
}

public sealed class TwoLevelCache
{
    private readonly IDatabase _redis;
    private readonly LocalCache _local;
    private readonly LocalKeyRegistry _registry;
    private readonly InvalidationBus _bus;

    public TwoLevelCache(IConnectionMultiplexer redis, LocalCache local, LocalKeyRegistry registry, InvalidationBus bus)
    {
        _redis = redis.GetDatabase();
        _local = local;
        _registry = registry;
        _bus = bus;
    }

    public async Task<string?> GetOrLoadAsync(string key, Func<CancellationToken, Task<string>> load, CancellationToken ct)
    {
        if (_local.TryGetValue(key, out var hit))
        {
            return hit;
        }

        var remote = await _redis.StringGetAsync(key);
        if (remote.IsNull)
        {
            var loaded = await load(ct);
            await _redis.StringSetAsync(key, loaded, TimeSpan.FromMinutes(15));
            remote = loaded;
        }

        _local.Set(key, remote.ToString(), TimeSpan.FromSeconds(30));
        _registry.Track(key);
        return remote.ToString();
    }

    public async Task<IReadOnlyDictionary<string, string>> GetFieldsAsync(string hashKey)
    {
        var names = await _redis.HashKeysAsync(hashKey);
        var values = await _redis.HashValuesAsync(hashKey);
        return names.Zip(values).ToDictionary(p => p.First.ToString(), p => p.Second.ToString());
    }

    public async Task InvalidatePrefixAsync(string prefix)
    {
        var tracked = await _registry.KeysAsync(prefix);
        var keys = tracked.Select(k => (RedisKey)k).ToArray();
        await _redis.KeyDeleteAsync(keys);
        await _bus.BroadcastAsync(prefix + "*");
    }
}
