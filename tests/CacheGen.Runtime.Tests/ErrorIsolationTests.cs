using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;

namespace CacheGen.Tests;

/// <summary>
/// A Redis error about one key stays with that key: the engine keeps using Redis for every other key, invalidations
/// keep flowing, and nobody waits on a lease key that no lease holder wrote.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class ErrorIsolationTests(RedisServerFixture server)
{
    [Fact]
    public async Task A_value_key_of_another_type_leaves_every_other_key_cached_and_invalidations_flowing()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        using var metrics = new MetricCollector(set[0]);
        var policy = new CachePolicy("iso:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var method = Cached.Method<string>(set[0], policy);
        var other = Cached.Method<string>(set[1], policy);
        var loads = 0;
        for (var i = 0; i < 50; i++)
        {
            await method.GetAsync($"{i}", () => { loads++; return "v1"; });
        }

        // Somebody writes a hash where the value of key "bad" lives: every command on it answers WRONGTYPE.
        var redis = (await server.ConnectAsync()).GetDatabase();
        await redis.HashSetAsync(set.ValueKey(method.FormatKey("bad")), "field", "value");
        var badLoads = 0;
        for (var round = 0; round < 20; round++)
        {
            Assert.Equal("fresh", await method.GetAsync("bad", () => { badLoads++; return "fresh"; }));
        }

        // Its callers get their value. Redis refuses that key every time (20 loads); Garnet's scripts read the hash as
        // missing, so the first load's write replaces it and the key is cached again.
        Assert.InRange(badLoads, 1, 20);
        Assert.True(set[0].TryGetDatabase(out _), "one key's error opened the engine-wide breaker");
        Assert.True(metrics.Sum("cachegen.errors", ("kind", "server")) >= 1);

        // Every other key still hits (L1 and Redis), and an invalidation from another instance is applied here.
        var before = loads;
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal("v1", await method.GetAsync($"{i}", () => { loads++; return "reloaded"; }));
        }

        Assert.Equal(before, loads);
        await other.GetAsync("7", () => "v1");
        await set[1].InvalidateAsync(method.FormatKey("7"));
        Assert.Equal("v2", await method.GetAsync("7", () => "v2"));
        Assert.Equal(0, set[0].PendingInvalidations);
    }

    [Theory]
    [InlineData("string")]
    [InlineData("hash")]
    [InlineData("string with expiry")]
    [InlineData("hash with expiry")]
    public async Task A_lease_key_that_is_not_a_cachegen_lease_blocks_nobody(string type)
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => { o.LeaseTtl = TimeSpan.FromSeconds(30); o.MaxLeaseWait = TimeSpan.FromSeconds(30); });
        using var metrics = new MetricCollector(set[0]);
        var method = Cached.Method<string>(set[0], new CachePolicy("foreign:{id}", ttlSeconds: 300));
        var redis = (await server.ConnectAsync()).GetDatabase();
        var lease = set.LeaseKey(method.FormatKey("1"));
        if (type.StartsWith("hash", StringComparison.Ordinal))
        {
            await redis.HashSetAsync(lease, "owner", "someone else");
        }
        else
        {
            await redis.StringSetAsync(lease, "not a cachegen token");
        }

        if (type.EndsWith("with expiry", StringComparison.Ordinal))
        {
            await redis.KeyExpireAsync(lease, TimeSpan.FromMinutes(1));
        }

        // Would wait 30 s (the bound) if the foreign key were taken for a live lease.
        var value = await method.GetAsync("1", () => "loaded").AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("loaded", value);
        Assert.Equal("loaded", await method.GetAsync("1", () => "must be a hit"));
        Assert.Equal(0, metrics.Sum("cachegen.lease.wait.abandoned"));
    }

    [Fact]
    public async Task A_caller_waits_for_another_callers_load_no_longer_than_MaxLeaseWait()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, o => { o.LeaseTtl = TimeSpan.FromSeconds(30); o.MaxLeaseWait = TimeSpan.FromMilliseconds(300); });
        using var metrics = new MetricCollector(set[1]);
        var policy = new CachePolicy("slow:{id}", ttlSeconds: 300);
        var holder = Cached.Method<string>(set[0], policy);
        var waiter = Cached.Method<string>(set[1], policy);
        var holding = new Signal<bool>();
        var release = new Gate();
        var held = holder.GetAsync("1", async _ =>
        {
            holding.Raise(true);
            await release.WaitAsync(); // a load that hangs: the lease is held for 30 s
            return "holder";
        }).AsTask();
        await holding.WaitAsync();

        // The waiter gives up after 300 ms and loads itself; the holder is still hung.
        Assert.Equal("waiter", await waiter.GetAsync("1", () => "waiter").AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(held.IsCompleted);
        Assert.Equal(1, metrics.Sum("cachegen.lease.wait.abandoned"));
        release.Open();
        Assert.Equal("holder", await held);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x7B })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'c', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)'"', (byte)':', (byte)'"', (byte)'i', (byte)'n', (byte)'v', (byte)'a', (byte)'l', (byte)'i', (byte)'d', (byte)'a', (byte)'t', (byte)'e', (byte)'"', (byte)',', (byte)'"', (byte)'k', (byte)'e', (byte)'y', (byte)'"', (byte)':', (byte)'"', (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0', (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'k', (byte)'e', (byte)'y', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' })]
    public async Task Unreadable_invalidation_messages_are_counted_and_never_thrown(byte[] payload)
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        using var metrics = new MetricCollector(set[0]);
        var counted = new Signal<bool>();
        metrics.Measured += m =>
        {
            if (m.Instrument == "cachegen.invalidations.malformed")
            {
                counted.Raise(true);
            }
        };

        var publisher = (await server.ConnectAsync()).GetSubscriber();
        await publisher.PublishAsync(RedisChannel.Literal(set.Template.InvalidationChannel), payload);
        await counted.WaitAsync();

        // The subscription still works afterwards.
        var method = Cached.Method<string>(set[0], new CachePolicy("after:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        await method.GetAsync("1", () => "v1");
        var heard = new Signal<bool>();
        set[0].InvalidationReceived += key => heard.Raise(true);
        await publisher.PublishAsync(RedisChannel.Literal(set.Template.InvalidationChannel), $$"""{"action":"invalidate","key":"{{method.FormatKey("1")}}"}""");
        await heard.WaitAsync();
        await set[0].Connection!.GetDatabase().KeyDeleteAsync(set.ValueKey(method.FormatKey("1"))); // only the L1 copy could answer "v1" now
        Assert.Equal("v2", await method.GetAsync("1", () => "v2"));
    }

    [Fact]
    public async Task A_flood_of_malformed_messages_is_counted_in_full_and_logged_once()
    {
        var scope = RedisServerFixture.NewOptions(server.Endpoint, nameof(ErrorIsolationTests));
        var logs = new ListLogger();
        await using var engine = new CacheEngine(new CacheGenOptions { Redis = scope.Redis, KeyPrefix = scope.KeyPrefix, InvalidationChannel = scope.InvalidationChannel }, loggerFactory: logs);
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        using var metrics = new MetricCollector(engine);
        var all = new Signal<bool>();
        var counted = 0;
        metrics.Measured += m =>
        {
            if (m.Instrument == "cachegen.invalidations.malformed" && Interlocked.Increment(ref counted) == 200)
            {
                all.Raise(true);
            }
        };

        var publisher = (await server.ConnectAsync()).GetSubscriber();
        for (var i = 0; i < 200; i++)
        {
            await publisher.PublishAsync(RedisChannel.Literal(scope.InvalidationChannel), i % 2 == 0 ? "not json" : "{\"action\":\"drop\"}");
        }

        await all.WaitAsync();
        Assert.Single(logs.At(Microsoft.Extensions.Logging.LogLevel.Warning));
    }
}
