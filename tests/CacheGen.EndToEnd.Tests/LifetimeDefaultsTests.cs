using CacheGen.EndToEnd.Repositories;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CacheGen.EndToEnd;

/// <summary>Generated policies say which lifetimes the attribute set, so configuration's defaults fill only the others.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class LifetimeDefaultsTests(RedisServerFixture server)
{
    [Fact]
    public async Task Configuration_defaults_reach_the_settings_an_attribute_leaves_unset()
    {
        var options = RedisServerFixture.NewOptions(server.Endpoint, nameof(Configuration_defaults_reach_the_settings_an_attribute_leaves_unset));
        await using var provider = new ServiceCollection()
            .AddCacheGen(o =>
            {
                o.Redis = options.Redis;
                o.KeyPrefix = options.KeyPrefix;
                o.InvalidationChannel = options.InvalidationChannel;
                o.Defaults.TtlSeconds = 45;
                o.Defaults.JitterPercent = 0;
            })
            .AddCached<ILifetimes, Lifetimes>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CacheEngine>();
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        var lifetimes = provider.GetRequiredService<ILifetimes>();
        await lifetimes.UnsetAsync(1);
        await lifetimes.SetAsync(1);
        var redis = engine.Connection!.GetDatabase();
        Assert.InRange((await redis.KeyTimeToLiveAsync(options.KeyPrefix + "{lifetime-unset:1}"))!.Value.TotalSeconds, 35, 45);
        Assert.InRange((await redis.KeyTimeToLiveAsync(options.KeyPrefix + "{lifetime-set:1}"))!.Value.TotalSeconds, 890, 900);
    }
}
