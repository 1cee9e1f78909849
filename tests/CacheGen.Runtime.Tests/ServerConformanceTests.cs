using CacheGen.Internals;
using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;

namespace CacheGen.Tests;

/// <summary>
/// What CacheGen needs of the server: Lua scripts that run atomically. Redis always does; Garnet only with
/// <c>--lua --lua-transaction-mode true</c> (without it this test fails: pollers see the lease deleted before the value
/// is written, and a stampede costs two loads).
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class ServerConformanceTests(RedisServerFixture server, Xunit.Abstractions.ITestOutputHelper output)
{
    // Lease tokens as the engine makes them: the lease script treats any other text at a lease key as foreign.
    private static readonly string HolderToken = LeaseScripts.NewToken();
    private static readonly string WaiterToken = LeaseScripts.NewToken();
    private static readonly string WriterToken = LeaseScripts.NewToken();
    private static readonly string TakerToken = LeaseScripts.NewToken();

    [Fact]
    public async Task A_waited_for_write_is_announced_by_the_script_or_left_to_the_client()
    {
        await using var connection = await server.ConnectAsync();
        var db = connection.GetDatabase();
        var keys = new RedisKeys($"conformance:{Guid.NewGuid():N}:", "announced");
        var channel = RedisChannel.Literal($"conformance:{Guid.NewGuid():N}:filled");
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await connection.GetSubscriber().SubscribeAsync(channel, (_, message) => heard.TrySetResult(message!));

        Assert.Equal(LeaseOutcome.Granted, (await LeaseScripts.TakeAsync(db, keys, HolderToken, 10_000, ignoreExistingValue: false)).Outcome);
        Assert.Equal(LeaseOutcome.Held, (await LeaseScripts.TakeAsync(db, keys, WaiterToken, 10_000, ignoreExistingValue: false)).Outcome);
        var (written, announceIt) = await LeaseScripts.WriteIfHeldAsync(db, keys, HolderToken, [1], 60_000, channel);
        Assert.True(written);
        if (announceIt)
        {
            await db.PublishAsync(channel, keys.ValueText); // what the engine does when the script could not
        }

        output.WriteLine($"{server.Description}: announced by {(announceIt ? "the client (scripts cannot publish)" : "the write script")}");
        Assert.Equal(keys.ValueText, await heard.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await db.KeyExistsAsync(keys.Waiting));
    }

    [Fact]
    public async Task A_conditional_write_is_never_seen_half_done_by_concurrent_lease_takers()
    {
        var connections = new List<IConnectionMultiplexer>();
        for (var i = 0; i < 4; i++)
        {
            connections.Add(await server.ConnectAsync());
        }

        var prefix = $"conformance:{Guid.NewGuid():N}:";
        var halfDone = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var keys = new RedisKeys(prefix, $"k{trial}");
            var writer = connections[0].GetDatabase();
            var first = await LeaseScripts.TakeAsync(writer, keys, WriterToken, 10_000, ignoreExistingValue: false);
            Assert.Equal(LeaseOutcome.Granted, first.Outcome);

            using var stop = new CancellationTokenSource();
            var takers = connections.Skip(1).Select(async connection =>
            {
                var database = connection.GetDatabase();
                while (!stop.IsCancellationRequested)
                {
                    var attempt = await LeaseScripts.TakeAsync(database, keys, TakerToken, 10_000, ignoreExistingValue: false);
                    if (attempt.Outcome != LeaseOutcome.Held)
                    {
                        return attempt.Outcome;
                    }
                }

                return LeaseOutcome.Held;
            }).ToArray();

            await Task.Yield();
            Assert.True((await LeaseScripts.WriteIfHeldAsync(writer, keys, WriterToken, [1, 2, 3], 60_000, RedisChannel.Literal("conformance:filled"))).Written);
            var outcomes = await Task.WhenAll(takers).WaitAsync(TimeSpan.FromSeconds(10));
            await stop.CancelAsync();
            halfDone += outcomes.Count(o => o == LeaseOutcome.Granted);
        }

        Assert.Equal(0, halfDone);
    }
}
