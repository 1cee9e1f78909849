using System.Diagnostics;
using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class BackplaneTests(RedisServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task Another_instances_L1_copy_is_gone_within_100_ms_of_an_invalidation()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var policy = new CachePolicy("user:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var a = Cached.Method<string>(set[0], policy);
        var b = Cached.Method<string>(set[1], policy);
        var delays = new List<double>();

        for (var trial = 0; trial < 50; trial++)
        {
            var id = trial.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var logicalKey = b.FormatKey(id);
            Assert.Equal("v1", await b.GetAsync(id, () => "v1"));
            Assert.Equal("v1", await b.GetAsync(id, () => "not from L1")); // an L1 hit on B

            var evicted = new Signal<bool>();
            void OnEvicted(string key)
            {
                if (key == logicalKey)
                {
                    evicted.Raise(true);
                }
            }

            set[1].Local.Evicted += OnEvicted;
            var watch = Stopwatch.StartNew();
            await a.InvalidateAsync(id);
            var issued = watch.Elapsed.TotalMilliseconds;
            await evicted.WaitAsync(5);
            if (watch.Elapsed.TotalMilliseconds > 50) output.WriteLine($"trial {trial}: invalidate returned after {issued:F1} ms, evicted after {watch.Elapsed.TotalMilliseconds:F1} ms; threads {ThreadPool.ThreadCount}, pending {ThreadPool.PendingWorkItemCount}");
            watch.Stop();
            set[1].Local.Evicted -= OnEvicted;
            delays.Add(watch.Elapsed.TotalMilliseconds);

            Assert.Equal("v2", await b.GetAsync(id, () => "v2"));
        }

        output.WriteLine($"L1 eviction on another instance over 50 trials ({server.Description}): p50 {Cached.Percentile(delays, 50):F2} ms, p99 {Cached.Percentile(delays, 99):F2} ms, max {delays.Max():F2} ms");
        Assert.All(delays, d => Assert.True(d < 100, $"eviction took {d:F1} ms"));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"action\":\"invalidate\"}")]
    [InlineData("{\"action\":\"flush\",\"key\":\"user:1\"}")]
    [InlineData("[\"invalidate\",\"user:1\"]")]
    [InlineData("{\"action\":\"invalidate\",\"key\":\"\"}")]
    [InlineData("{\"action\":\"invalidate\",\"key\":")]
    [InlineData("{\"action\":\"invalidate\",\"key\":\"user:1\",\"tag\":\"user\"}")]
    [InlineData("{\"action\":\"invalidate\",\"tag\":\"\"}")]
    [InlineData("{\"action\":\"invalidate\",\"tag\":\"a{b}\"}")]
    public async Task A_malformed_message_is_counted_and_changes_nothing(string payload)
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("user:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        Assert.Equal("v1", await method.GetAsync("1", () => "v1"));
        using var metrics = new MetricCollector(set[0]);
        var counted = new Signal<bool>();
        metrics.Measured += m =>
        {
            if (m.Instrument == "cachegen.invalidations.malformed")
            {
                counted.Raise(true);
            }
        };
        var evictions = 0;
        set[0].Local.Evicted += _ => Interlocked.Increment(ref evictions);

        var publisher = await server.ConnectAsync();
        await publisher.GetSubscriber().PublishAsync(RedisChannel.Literal(set.Template.InvalidationChannel), payload);
        await counted.WaitAsync(5);

        Assert.Equal(1, metrics.Sum("cachegen.invalidations.malformed"));
        Assert.Equal(0, evictions);
        Assert.Equal("v1", await method.GetAsync("1", () => "reloaded"));
        Assert.Equal(1, set[0].Local.Count);
    }

    [Fact]
    public async Task A_message_in_the_seed_articles_format_from_another_service_evicts()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("user:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        Assert.Equal("v1", await method.GetAsync("123", () => "v1"));
        var evicted = new Signal<string>();
        set[0].Local.Evicted += evicted.Raise;

        var publisher = await server.ConnectAsync();
        await publisher.GetSubscriber().PublishAsync(RedisChannel.Literal(set.Template.InvalidationChannel), "{\"action\": \"invalidate\", \"key\": \"user:123\"}");

        Assert.Equal("user:123", await evicted.WaitAsync(5));
    }

    [Fact]
    public async Task A_tag_message_from_another_service_drops_the_entries_that_carry_the_tag()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var policy = new CachePolicy("usert:{id}", ttlSeconds: 300, localTtlSeconds: 300, tags: ["users"]);
        var method = set[0].GetCachedMethod<string, string>(policy, id => policy.Template.Render([id]), _ => ["users"]);
        Assert.Equal("v1", await method.GetAsync("123", () => "v1"));
        var received = new Signal<string>();
        set[0].InvalidationReceived += received.Raise;

        // Another service deleted the tag's key and said so, in the documented format.
        var publisher = await server.ConnectAsync();
        await publisher.GetDatabase().KeyDeleteAsync(set.Template.KeyPrefix + "tag:{users}");
        await publisher.GetSubscriber().PublishAsync(RedisChannel.Literal(set.Template.InvalidationChannel), "{\"action\": \"invalidate\", \"tag\": \"users\"}");

        Assert.Equal(CacheEngine.TagEntry("users"), await received.WaitAsync(5));
        Assert.Equal("v2", await method.GetAsync("123", () => "v2"));
    }

    [Fact]
    public async Task Invalidation_deletes_the_value_and_the_lease_and_publishes_the_documented_message()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var inspector = await server.ConnectAsync();
        var received = new Signal<string>();
        await inspector.GetSubscriber().SubscribeAsync(RedisChannel.Literal(set.Template.InvalidationChannel), (_, message) => received.Raise(message!));
        var redis = inspector.GetDatabase();
        await redis.StringSetAsync(set.ValueKey("order:7"), "x");
        await redis.StringSetAsync(set.LeaseKey("order:7"), "someone's token");

        await set[0].InvalidateAsync("order:7");

        Assert.False(await redis.KeyExistsAsync(set.ValueKey("order:7")));
        Assert.False(await redis.KeyExistsAsync(set.LeaseKey("order:7")));
        Assert.Equal($"{{\"action\":\"invalidate\",\"key\":\"order:7\",\"source\":\"{set[0].InstanceId}\"}}", await received.WaitAsync(5));
    }

    [Fact]
    public async Task Synchronous_invalidation_deletes_the_value_and_evicts_other_instances()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var policy = new CachePolicy("user:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var b = Cached.Method<string>(set[1], policy);
        Assert.Equal("v1", await b.GetAsync("9", () => "v1"));
        var evicted = new Signal<string>();
        set[1].Local.Evicted += evicted.Raise;

        set[0].Invalidate(b.FormatKey("9"));

        Assert.False(await set[0].Connection!.GetDatabase().KeyExistsAsync(set.ValueKey(b.FormatKey("9"))));
        Assert.Equal("user:9", await evicted.WaitAsync(5));
        Assert.Equal("v2", await b.GetAsync("9", () => "v2"));
    }

    [Fact]
    public async Task A_delayed_second_delete_removes_a_value_written_after_the_first()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.SecondDeleteDelay = TimeSpan.FromMilliseconds(200));
        var inspector = await server.ConnectAsync();
        var redis = inspector.GetDatabase();
        var secondPublish = new SemaphoreSlim(0);
        await inspector.GetSubscriber().SubscribeAsync(RedisChannel.Literal(set.Template.InvalidationChannel), (_, _) => secondPublish.Release());

        await set[0].InvalidateAsync("report:1");
        Assert.True(await secondPublish.WaitAsync(TimeSpan.FromSeconds(5)));
        await redis.StringSetAsync(set.ValueKey("report:1"), "read from a lagging replica");
        Assert.True(await secondPublish.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.False(await redis.KeyExistsAsync(set.ValueKey("report:1")));
    }
}
