using CacheGen.Internals;
using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;

namespace CacheGen.Tests;

/// <summary>Runs against the three-master cluster of CACHEGEN_TEST_REDIS_CLUSTER (CI starts one).</summary>
[Collection(RedisServerGroup.Name)]
public sealed class ClusterTests
{
    [ClusterFact]
    public async Task The_cluster_puts_value_and_lease_keys_of_1000_random_keys_in_one_slot()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisServerFixture.ClusterEndpoints! + ",allowAdmin=true");
        var server = connection.GetServers().First(s => s.IsConnected);
        var random = new Random(99);
        var template = CacheKeyTemplate.Parse("cart:{user}:{item}");
        for (var i = 0; i < 1000; i++)
        {
            var keys = new RedisKeys("shop:", template.Render(random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), Guid.NewGuid().ToString()));
            var valueSlot = (long)await server.ExecuteAsync("CLUSTER", "KEYSLOT", (string)keys.Value!);
            var leaseSlot = (long)await server.ExecuteAsync("CLUSTER", "KEYSLOT", (string)keys.Lease!);
            Assert.Equal(valueSlot, leaseSlot);
        }
    }

    [ClusterFact]
    public async Task Invalidation_reaches_every_instance_on_the_cluster()
    {
        await using var set = await EngineSet.StartAsync(RedisServerFixture.ClusterEndpoints!, 2);
        var policy = new CachePolicy("user:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var a = Cached.Method<string>(set[0], policy);
        var b = Cached.Method<string>(set[1], policy);
        for (var i = 0; i < 20; i++)
        {
            var id = $"u{i}";
            Assert.Equal("v1", await b.GetAsync(id, () => "v1"));
            var evicted = new Signal<bool>();
            void OnEvicted(string key)
            {
                if (key == b.FormatKey(id))
                {
                    evicted.Raise(true);
                }
            }

            set[1].Local.Evicted += OnEvicted;
            await a.InvalidateAsync(id);
            await evicted.WaitAsync(5);
            set[1].Local.Evicted -= OnEvicted;
            Assert.Equal("v2", await b.GetAsync(id, () => "v2"));
        }
    }
}
