using CacheGen.Tests.Infrastructure;

namespace CacheGen.Tests;

/// <summary>
/// A lease script that times out on the client while Redis is paused runs when Redis resumes: the lease it grants has
/// no live holder. The caller that gave up releases it right behind, so nobody waits for it.
/// </summary>
public sealed class OrphanLeaseTests
{
    [RedisProcessFact]
    public async Task A_lease_granted_after_its_caller_timed_out_is_released_when_Redis_resumes()
    {
        using var server = await DedicatedServer.StartAsync();
        var template = RedisServerFixture.NewOptions(server.Endpoint, nameof(OrphanLeaseTests));
        void Configure(CacheGenOptions o)
        {
            o.OperationTimeout = TimeSpan.FromMilliseconds(300);
            o.BreakDuration = TimeSpan.FromMilliseconds(100);
            o.LeaseTtl = TimeSpan.FromSeconds(60);
            o.MaxLeaseWait = TimeSpan.FromSeconds(60);
        }

        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, Configure);
        var policy = new CachePolicy("orphan:{id}", ttlSeconds: 300);
        var first = Cached.Method<string>(set[0], policy);
        var logicalKey = first.FormatKey("1");

        // Redis stops just as the first caller's lease script leaves: the script waits in Redis, the caller times out.
        set[0].BeforeLeaseScript = key =>
        {
            if (key.Contains(logicalKey, StringComparison.Ordinal))
            {
                set[0].BeforeLeaseScript = null;
                server.Pause();
            }
        };
        Assert.Equal("uncached", await first.GetAsync("1", () => "uncached"));
        server.Resume();

        // When Redis runs the delayed script it grants a lease to nobody; the release right behind it takes it back.
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        var lease = set.LeaseKey(logicalKey);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await redis.GetDatabase().KeyExistsAsync(lease) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.False(await redis.GetDatabase().KeyExistsAsync(lease), "a lease was left without a live holder");
        var second = Cached.Method<string>(set[1], policy);
        Assert.Equal("loaded", await second.GetAsync("1", () => "loaded").AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }
}

/// <summary>
/// A Redis restarted from a snapshot taken before a delete it acknowledged brings the deleted value back; the instance
/// that invalidated it notices the new server (its run id) and applies its recent invalidations again.
/// </summary>
public sealed class SnapshotRestartTests
{
    [RedisProcessFact]
    public async Task An_acknowledged_invalidation_lost_with_a_snapshot_restart_is_applied_again()
    {
        using var server = await DedicatedServer.StartAsync();
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.OperationTimeout = TimeSpan.FromMilliseconds(300));
        var engine = set[0];
        var method = Cached.Method<string>(engine, new CachePolicy("snapshot:{id}", ttlSeconds: 300));
        Assert.Equal("v1", await method.GetAsync("1", () => "v1"));
        await server.SaveAsync(); // the snapshot holds "v1"
        await engine.InvalidateAsync(method.FormatKey("1")); // acknowledged: deleted in the running server

        var restored = new Signal<bool>();
        var drained = new Signal<bool>();
        engine.Connection!.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == StackExchange.Redis.ConnectionType.Interactive)
            {
                restored.Raise(true);
            }
        };
        engine.InvalidationsDrained += () => drained.Raise(true);
        server.Stop(); // SIGKILL
        await server.StartAgainAsync(fromSnapshot: true);
        await restored.WaitAsync();
        using (var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.Endpoint))
        {
            // Either the value is back from the snapshot and the re-applied invalidation removes it, or it is gone already.
            await drained.WaitAsync();
            Assert.False(await probe.GetDatabase().KeyExistsAsync(set.ValueKey(method.FormatKey("1"))), "the value deleted before the restart came back");
        }

        await engine.WhenSettledAsync();
        Assert.Equal("v2", await method.GetAsync("1", () => "v2"));
    }
}
