using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CacheGen.Tests;

/// <summary>
/// Redis that does not answer for a while (a paused server or a partition, as the client sees it: connections open,
/// nothing gets through): one timeout changes nothing, an instance that cannot hear invalidations stops serving its L1
/// copies after <see cref="CacheGenOptions.LocalCacheOfflineLifetime"/>, and queued invalidations are replayed as soon
/// as Redis answers.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class OutageTests(RedisServerFixture server)
{
    [Fact]
    public async Task One_timeout_does_not_stop_caching()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(proxy.Endpoint, 1, o =>
        {
            o.OperationTimeout = TimeSpan.FromMilliseconds(300);
            o.BreakDuration = TimeSpan.FromSeconds(60);
            o.LocalCacheOfflineLifetime = Timeout.InfiniteTimeSpan;
        });
        var method = Cached.Method<string>(set[0], new CachePolicy("one-timeout:{id}", ttlSeconds: 300));
        var loads = 0;
        for (var i = 0; i < 20; i++)
        {
            await method.GetAsync($"{i}", () => { loads++; return "cached"; });
        }

        proxy.Stall();
        Assert.Equal("uncached", await method.GetAsync("new", () => "uncached")); // times out, served by its loader
        proxy.Unstall();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("cached", await method.GetAsync($"{i}", () => { loads++; return "reloaded"; }));
        }

        Assert.Equal(20, loads);
    }

    [Fact]
    public async Task A_caller_whose_flight_found_Redis_failing_loads_again_without_asking_Redis()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(proxy.Endpoint, 1, o =>
        {
            o.OperationTimeout = TimeSpan.FromMilliseconds(300);
            o.LocalCacheOfflineLifetime = Timeout.InfiniteTimeSpan;
        });
        var engine = set[0];
        var method = Cached.Method<string>(engine, new CachePolicy("two-timeouts:{id}", ttlSeconds: 300));
        var logicalKey = method.FormatKey("1");
        var scripts = 0;
        var leading = new Signal<bool>();
        var joined = new Signal<bool>();
        engine.BeforeLeaseScript = _ =>
        {
            if (Interlocked.Increment(ref scripts) == 1)
            {
                proxy.Stall(); // Redis stops answering just as the leader asks for the lease
                leading.Raise(true);
                joined.WaitAsync().GetAwaiter().GetResult();
            }
        };
        engine.AfterFlightJoined = _ => joined.Raise(true);

        var leader = method.GetAsync("1", () => "leader").AsTask();
        await leading.WaitAsync();
        var joiner = method.GetAsync("1", () => "joiner").AsTask();
        await joined.WaitAsync();
        engine.Local.Invalidate(logicalKey); // a write: the leader's load can no longer be handed to the joiner

        Assert.Equal("leader", await leader);
        Assert.Equal("joiner", await joiner);
        Assert.Equal(1, scripts); // the joiner did not send a lease script of its own into the same silence
        proxy.Unstall();
    }

    [Fact]
    public async Task An_instance_that_cannot_hear_Redis_stops_serving_L1_after_the_offline_lifetime()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.InvalidationAckTimeout = TimeSpan.FromMilliseconds(200));
        var logs = new ListLogger();
        var cutOff = await set.AddAsync(
            o =>
            {
                o.Redis = proxy.Endpoint;
                o.OperationTimeout = TimeSpan.FromMilliseconds(300);
                o.LocalCacheOfflineLifetime = TimeSpan.FromMilliseconds(300);
            },
            loggerFactory: logs);
        var policy = new CachePolicy("offline:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var writer = Cached.Method<string>(set[0], policy);
        var reader = Cached.Method<string>(cutOff, policy);
        Assert.Equal("v1", await reader.GetAsync("1", () => "v1"));
        Assert.Equal("v1", await reader.GetAsync("1", () => "L1 must answer"));

        var lost = new Signal<bool>();
        cutOff.TrustLost += () => lost.Raise(true);
        proxy.Stall();
        await lost.WaitAsync();

        // The write: the other instance cannot confirm it, and must not serve its copy from before it.
        await set[0].InvalidateAsync(writer.FormatKey("1"));
        Assert.Equal("v2", await reader.GetAsync("1", () => "v2"));
        Assert.Equal("v2", await reader.GetAsync("1", () => "v2"));

        // One warning for the outage, however many calls it served.
        var warnings = logs.At(LogLevel.Warning).Where(m => m.Contains("Redis is unavailable", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Contains("LocalCacheOfflineLifetime", warnings[0], StringComparison.Ordinal);

        var heard = new Signal<bool>();
        cutOff.Heard += () => heard.Raise(true);
        proxy.Unstall();
        await heard.WaitAsync();
        Assert.True(cutOff.LocalTrusted);
        Assert.Equal("v2", await reader.GetAsync("1", () => "v2"));
        Assert.Equal("v2", await reader.GetAsync("1", () => "L1 must answer"));
        var back = logs.At(LogLevel.Information).Where(m => m.Contains("Redis answers again", StringComparison.Ordinal)).ToList();
        Assert.Single(back);
        Assert.Contains("2 call(s)", back[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Right_after_a_reconnection_Redis_is_not_read_until_other_instances_could_replay()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(proxy.Endpoint, 1, o => o.OperationTimeout = TimeSpan.FromMilliseconds(300));
        var engine = set[0];
        var method = Cached.Method<string>(engine, new CachePolicy("settle:{id}", ttlSeconds: 300));
        Assert.Equal("v1", await method.GetAsync("1", () => "v1"));

        var failed = new Signal<bool>();
        var restored = new Signal<bool>();
        engine.Connection!.ConnectionFailed += (_, e) => failed.Raise(true);
        engine.Connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == StackExchange.Redis.ConnectionType.Interactive)
            {
                restored.Raise(true);
            }
        };
        proxy.Cut();
        await failed.WaitAsync();

        // Meanwhile another instance, also cut off, wrote the row: Redis still holds "v1" until it reconnects and
        // replays its invalidation (as after a restart from a snapshot).
        proxy.Restore();
        await restored.WaitAsync();
        Assert.Equal("v2", await method.GetAsync("1", () => "v2"));

        // Once the others had their time, Redis answers again.
        await engine.WhenSettledAsync();
        Assert.Equal("v1", await method.GetAsync("1", () => "Redis must answer"));
    }

    [Fact]
    public async Task Queued_invalidations_are_replayed_as_soon_as_Redis_answers_not_after_the_break()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var writer = await set.AddAsync(o =>
        {
            o.Redis = proxy.Endpoint;
            o.OperationTimeout = TimeSpan.FromMilliseconds(300);
            o.BreakDuration = TimeSpan.FromSeconds(60);
            o.BreakerMinimumThroughput = 1; // the first timeout opens the breaker
        });
        var policy = new CachePolicy("replay:{id}", ttlSeconds: 300);
        var reader = Cached.Method<string>(set[0], policy);
        var own = Cached.Method<string>(writer, policy);
        Assert.Equal("v1", await reader.GetAsync("1", () => "v1"));
        Assert.Equal("v1", await own.GetAsync("2", () => "v1"));

        var deletes = 0;
        writer.BeforeInvalidationDelete = _ => Interlocked.Increment(ref deletes);
        proxy.Stall();
        await writer.InvalidateAsync(reader.FormatKey("1")); // times out: queued
        Assert.Equal(1, writer.PendingInvalidations);
        Assert.False(writer.TryGetDatabase(out _));

        // A write's second key queues behind the first at once, instead of waiting for a second timeout.
        await writer.InvalidateAsync(reader.FormatKey("3"));
        Assert.Equal(2, writer.PendingInvalidations);
        Assert.Equal(1, deletes);

        var drained = new Signal<bool>();
        writer.InvalidationsDrained += () => drained.Raise(true);
        proxy.Unstall();
        await drained.WaitAsync(10); // long before the 60 s break is over
        Assert.Equal("v2", await reader.GetAsync("1", () => "v2"));

        // The replay let the breaker's probe through: the writer reads Redis again.
        Assert.Equal("v1", await own.GetAsync("2", () => "the breaker is still open"));
    }
}
