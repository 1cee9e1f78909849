using System.Collections.Concurrent;
using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;

namespace CacheGen.Tests;

/// <summary>
/// <see cref="CacheEngine.Invalidated"/>, what a CDN purge queue listens to: once per invalidation, by the instance that
/// issued it, after Redis applied it; for another producer's message, by exactly one instance.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class InvalidatedEventTests(RedisServerFixture server)
{
    [Fact]
    public async Task Each_invalidation_is_raised_once_by_the_instance_that_issued_it()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 3);
        var raised = new ConcurrentQueue<(int Instance, string Name, bool IsTag)>();
        for (var i = 0; i < set.Engines.Count; i++)
        {
            var instance = i;
            set[i].Invalidated += (_, e) => raised.Enqueue((instance, e.Name, e.IsTag));
        }

        await set[0].InvalidateAsync("report:1");
        await set[1].InvalidateTagAsync("reports");
        await Task.Run(() => set[2].Invalidate("report:2"));

        Assert.Equal([(0, "report:1", false), (1, "reports", true), (2, "report:2", false)], raised.ToArray());
    }

    [Fact]
    public async Task Another_producers_invalidation_is_raised_by_exactly_one_instance()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 3);
        var raised = new ConcurrentQueue<string>();
        var decided = new CountdownEvent(3);
        foreach (var engine in set.Engines)
        {
            engine.Invalidated += (_, e) => raised.Enqueue(e.Name);
            engine.ForeignClaimDecided += (entry, _) =>
            {
                if (entry == "user:9")
                {
                    decided.Signal();
                }
            };
        }

        var publisher = await server.ConnectAsync();
        await publisher.GetSubscriber().PublishAsync(RedisChannel.Literal(set.Template.InvalidationChannel), "{\"action\":\"invalidate\",\"key\":\"user:9\"}");
        Assert.True(decided.Wait(TimeSpan.FromSeconds(10)), "every instance claims the message");
        Assert.Equal(["user:9"], raised.ToArray());
    }

    [Fact]
    public async Task A_queued_invalidation_is_raised_when_it_is_replayed_not_before()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(proxy.Endpoint, 1, o =>
        {
            o.OperationTimeout = TimeSpan.FromMilliseconds(300);
            o.BreakerMinimumThroughput = 1;
        });
        var raised = new ConcurrentQueue<string>();
        set[0].Invalidated += (_, e) => raised.Enqueue(e.Name);
        proxy.Stall();
        await set[0].InvalidateAsync("report:3");
        Assert.Empty(raised);

        var drained = new Signal<bool>();
        set[0].InvalidationsDrained += () => drained.Raise(true);
        proxy.Unstall();
        await drained.WaitAsync(10);
        Assert.Equal(["report:3"], raised.ToArray());
    }

    [Fact]
    public async Task A_throwing_handler_does_not_fail_the_write()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        set[0].Invalidated += (_, _) => throw new InvalidOperationException("purger bug");
        await set[0].InvalidateAsync("report:4");
    }
}
