using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;

namespace CacheGen.Tests;

/// <summary>
/// An invalidation returns once every other CacheGen instance has confirmed that it dropped its L1 copy (or after
/// <see cref="CacheGenOptions.InvalidationAckTimeout"/>): a read that starts on any instance after it returned is not
/// served the old value from L1.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class AcknowledgedInvalidationTests(RedisServerFixture server)
{
    [Fact]
    public Task An_invalidation_returns_only_after_every_other_instance_dropped_its_copy() => WaitsForEveryInstanceAsync(server.Endpoint);

    [Fact]
    public Task A_synchronous_invalidation_returns_only_after_every_other_instance_dropped_its_copy() => WaitsForEveryInstanceAsync(server.Endpoint, synchronous: true);

    [ClusterFact]
    public Task An_invalidation_returns_only_after_every_other_instance_dropped_its_copy_on_a_cluster() => WaitsForEveryInstanceAsync(RedisServerFixture.ClusterEndpoints!);

    private static async Task WaitsForEveryInstanceAsync(string endpoint, bool synchronous = false)
    {
        await using var set = await EngineSet.StartAsync(endpoint, 3, o => o.InvalidationAckTimeout = TimeSpan.FromSeconds(20));
        var policy = new CachePolicy("acked:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var methods = set.Engines.Select(e => Cached.Method<string>(e, policy)).ToArray();
        foreach (var method in methods)
        {
            Assert.Equal("old", await method.GetAsync("1", () => "old"));
        }

        // Instance 2 is slow to apply the broadcast: it is held until the test lets it go.
        var logicalKey = methods[0].FormatKey("1");
        var held = new Signal<bool>();
        var release = new ManualResetEventSlim();
        set[2].BeforeInvalidationApplied = key =>
        {
            if (key == logicalKey)
            {
                held.Raise(true);
                release.Wait(TimeSpan.FromSeconds(20));
            }
        };

        var invalidation = synchronous ? Task.Run(() => set[0].Invalidate(logicalKey)) : set[0].InvalidateAsync(logicalKey);
        await held.WaitAsync();
        var returnedEarly = await Task.WhenAny(invalidation, Task.Delay(TimeSpan.FromMilliseconds(300))) == invalidation;
        release.Set();
        await invalidation;
        set[2].BeforeInvalidationApplied = null;

        Assert.False(returnedEarly, "the invalidation returned while an instance still held its L1 copy");
        foreach (var method in methods)
        {
            Assert.Equal("new", await method.GetAsync("1", () => "new"));
        }
    }

    [Fact]
    public async Task An_instance_that_does_not_confirm_in_time_is_counted_and_the_write_returns()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, o => o.InvalidationAckTimeout = TimeSpan.FromMilliseconds(200));
        using var metrics = new MetricCollector(set[0]);
        var release = new ManualResetEventSlim();
        set[1].BeforeInvalidationApplied = _ => release.Wait(TimeSpan.FromSeconds(20));

        await set[0].InvalidateAsync("paused:1"); // returns after the timeout, not after 20 s
        release.Set();
        set[1].BeforeInvalidationApplied = null;

        Assert.Equal(1, metrics.Sum("cachegen.invalidations.unacknowledged"));
    }

    [Fact]
    public async Task Another_client_listening_on_the_invalidation_channel_is_not_waited_for()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, o => o.InvalidationAckTimeout = TimeSpan.FromSeconds(20));
        using var metrics = new MetricCollector(set[0]);
        var listener = await server.ConnectAsync();
        var heard = new Signal<string>();
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal(set.Template.InvalidationChannel), (_, message) => heard.Raise(message!));

        await set[0].InvalidateAsync("listened:1");

        Assert.Contains("\"key\":\"listened:1\"", await heard.WaitAsync(), StringComparison.Ordinal); // it still hears it
        Assert.Equal(0, metrics.Sum("cachegen.invalidations.unacknowledged"));
        Assert.Equal(1, metrics.Sum("cachegen.invalidations", ("direction", "published")));
    }

    [Fact]
    public async Task With_the_wait_turned_off_an_invalidation_returns_once_published()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, o => o.InvalidationAckTimeout = TimeSpan.Zero);
        var release = new ManualResetEventSlim();
        var held = new Signal<bool>();
        set[1].BeforeInvalidationApplied = _ =>
        {
            held.Raise(true);
            release.Wait(TimeSpan.FromSeconds(20));
        };

        await set[0].InvalidateAsync("nowait:1"); // would hang for 20 s if it waited
        await held.WaitAsync();
        release.Set();
        set[1].BeforeInvalidationApplied = null;
    }

    [Fact]
    public void A_negative_ack_timeout_is_rejected_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CacheEngine(new CacheGenOptions { Redis = server.Endpoint, InvalidationAckTimeout = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("InvalidationAckTimeout", error.Message, StringComparison.Ordinal);
    }
}
