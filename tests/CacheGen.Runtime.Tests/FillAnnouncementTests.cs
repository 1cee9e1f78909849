using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CacheGen.Tests;

/// <summary>
/// A lease holder announces its write (or its giving up) to waiters in other instances, so they do not wait for their
/// next poll. The waiter here runs on a frozen clock: its pauses never end by themselves, so only the announcement can
/// wake it — without it, these tests time out.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class FillAnnouncementTests(RedisServerFixture server)
{
    [Fact]
    public async Task A_waiter_in_another_instance_is_woken_by_the_holders_write()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var waiterEngine = await set.AddAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var policy = new CachePolicy("woken:{id}", ttlSeconds: 60);
        var release = new Gate();
        var holder = await Cached.HolderLoadingUntilAsync(set[0], policy, release, () => "from the holder");

        var held = HeldSignal(set, waiterEngine, "woken:1");
        var loads = 0;
        var waiter = Cached.Method<string>(waiterEngine, policy).GetAsync("1", () =>
        {
            Interlocked.Increment(ref loads);
            return "from the waiter";
        }).AsTask();
        await held.WaitAsync();

        release.Open();
        Assert.Equal("from the holder", await holder);
        Assert.Equal("from the holder", await waiter.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, loads);
    }

    [Fact]
    public async Task A_waiter_in_another_instance_takes_over_at_once_when_the_holders_loader_fails()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.LeaseTtl = TimeSpan.FromSeconds(30));
        var waiterEngine = await set.AddAsync(o => o.LeaseTtl = TimeSpan.FromSeconds(30), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var policy = new CachePolicy("taken-over:{id}", ttlSeconds: 60);
        var fail = new Gate();
        var holder = await Cached.HolderLoadingUntilAsync(set[0], policy, fail, () => throw new InvalidOperationException("the database is down"));

        var held = HeldSignal(set, waiterEngine, "taken-over:1");
        var waiter = Cached.Method<string>(waiterEngine, policy).GetAsync("1", () => "from the waiter").AsTask();
        await held.WaitAsync();

        fail.Open();
        await Assert.ThrowsAsync<InvalidOperationException>(() => holder);
        Assert.Equal("from the waiter", await waiter.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_announcement_that_lands_between_the_held_answer_and_the_wait_is_not_missed()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var waiterEngine = await set.AddAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var policy = new CachePolicy("between:{id}", ttlSeconds: 60);
        var release = new Gate();
        var holder = await Cached.HolderLoadingUntilAsync(set[0], policy, release, () => "from the holder");

        // The first time the waiter hears "held", the holder writes and its announcement is handled by the waiter's
        // engine — all before the waiter starts to wait. Only a listener registered before asking can have heard it.
        var valueKey = (string)set.ValueKey("between:1")!;
        var heard = new Signal<bool>();
        waiterEngine.FillHeard += key =>
        {
            if (key == valueKey)
            {
                heard.Raise(true);
            }
        };
        var once = 0;
        waiterEngine.AfterLeaseHeld = key =>
        {
            if (key == valueKey && Interlocked.Exchange(ref once, 1) == 0)
            {
                release.Open();
                heard.WaitAsync().GetAwaiter().GetResult();
            }
        };

        var waiter = Cached.Method<string>(waiterEngine, policy).GetAsync("1", () => "from the waiter").AsTask();

        Assert.Equal("from the holder", await holder);
        Assert.Equal("from the holder", await waiter.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_uncontended_load_announces_nothing()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        var announced = new List<string>();
        await connection.GetSubscriber().SubscribeAsync(
            RedisChannel.Literal(set.Template.InvalidationChannel + ":filled"),
            (_, message) => { lock (announced) { announced.Add(message!); } });
        var method = Cached.Method<string>(set[0], new CachePolicy("quiet:{id}", ttlSeconds: 60));

        Assert.Equal("loaded", await method.GetAsync("1", () => "loaded"));

        // An announcement, had there been one, was published before the write returned; a PING on the same server
        // after it orders the check behind any delivery to this subscriber.
        await connection.GetSubscriber().PingAsync();
        lock (announced)
        {
            Assert.Empty(announced);
        }
    }

    /// <summary>Raised when the waiter's lease script has answered "held" (and so marked the entry as waited for).</summary>
    private static Signal<bool> HeldSignal(EngineSet set, CacheEngine waiter, string logicalKey)
    {
        var valueKey = (string)set.ValueKey(logicalKey)!;
        var held = new Signal<bool>();
        waiter.AfterLeaseHeld = key =>
        {
            if (key == valueKey)
            {
                held.Raise(true);
            }
        };
        return held;
    }
}
