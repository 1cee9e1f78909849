using CacheGen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CacheGen.Tests;

/// <summary>
/// A read that starts after an invalidation was acknowledged never returns the row from before the write — whether it
/// would join a load that began earlier (on the writer's instance, or on one that has not heard the broadcast yet) or
/// race the writer's own steps on its instance.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class ReadAfterWriteTests(RedisServerFixture server, ITestOutputHelper output)
{
    public enum WriterPlacement
    {
        /// <summary>The write runs on the instance whose load is in flight.</summary>
        SameInstance,

        /// <summary>Another instance writes; the loading instance hears its broadcast.</summary>
        OtherInstance,

        /// <summary>Another instance writes and the loading instance has not heard the broadcast (another channel).</summary>
        OtherInstanceNotHeard,
    }

    [Theory]
    [InlineData(WriterPlacement.SameInstance, false)]
    [InlineData(WriterPlacement.OtherInstance, false)]
    [InlineData(WriterPlacement.OtherInstanceNotHeard, false)]
    [InlineData(WriterPlacement.SameInstance, true)]
    [InlineData(WriterPlacement.OtherInstanceNotHeard, true)]
    public Task A_caller_arriving_after_an_acknowledged_write_is_never_handed_the_older_load(WriterPlacement placement, bool withL1) =>
        FenceAsync(placement, withL1, byTag: false);

    // A tag's invalidation fences as a key's on every instance that heard it (an instance that did not hear it trusts
    // the tag's old token: docs/runtime.md says so, and no test claims otherwise).
    [Theory]
    [InlineData(WriterPlacement.SameInstance, false)]
    [InlineData(WriterPlacement.OtherInstance, false)]
    [InlineData(WriterPlacement.SameInstance, true)]
    [InlineData(WriterPlacement.OtherInstance, true)]
    public Task A_caller_arriving_after_an_acknowledged_tag_invalidation_is_never_handed_the_older_load(WriterPlacement placement, bool withL1) =>
        FenceAsync(placement, withL1, byTag: true);

    private async Task FenceAsync(WriterPlacement placement, bool withL1, bool byTag)
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.LeaseTtl = TimeSpan.FromSeconds(30));
        var loading = set[0];
        var writer = placement switch
        {
            WriterPlacement.SameInstance => loading,
            WriterPlacement.OtherInstance => await set.AddAsync(),
            _ => await set.AddAsync(o => o.InvalidationChannel += ":elsewhere"),
        };
        var policy = new CachePolicy("fence:{id}", ttlSeconds: 300, localTtlSeconds: withL1 ? 300 : 0, tags: byTag ? ["fence:{id}"] : null);
        var method = byTag
            ? loading.GetCachedMethod<string, string>(policy, id => policy.Template.Render([id]), id => [policy.Tags[0].Render([id])])
            : Cached.Method<string>(loading, policy);
        const int Trials = 100;
        var stale = 0;

        for (var trial = 0; trial < Trials; trial++)
        {
            var id = $"{trial}";
            var database = new FakeDatabase<string>($"old-{trial}");
            var oldRead = new Signal<bool>();
            var release = new Gate();
            var loads = 0;
            Task<string> Load(CancellationToken _)
            {
                if (Interlocked.Increment(ref loads) == 1)
                {
                    // The first load reads the row before the write and is held until the test lets it go.
                    var row = database.Read();
                    oldRead.Raise(true);
                    return release.WaitAsync().ContinueWith(_ => row, TaskScheduler.Default);
                }

                return Task.FromResult(database.Read());
            }

            var first = method.GetAsync(id, Load).AsTask();
            await oldRead.WaitAsync();

            database.Value = $"new-{trial}";
            if (byTag)
            {
                await writer.InvalidateTagAsync(method.FormatTags(id)[0]); // acknowledged from here on
            }
            else
            {
                await writer.InvalidateAsync(method.FormatKey(id)); // acknowledged from here on
            }


            var joined = new Signal<bool>();
            var logicalKey = method.FormatKey(id);
            loading.AfterFlightJoined = key =>
            {
                if (key == logicalKey)
                {
                    joined.Raise(true);
                }
            };
            var late = method.GetAsync(id, Load).AsTask();
            await Task.WhenAny(joined.WaitAsync(), late); // it joined the held load, or did not need to
            loading.AfterFlightJoined = null;
            release.Open();

            Assert.Equal($"old-{trial}", await first); // the early caller may see the row it read: it started before the write
            var seen = await late;
            if (seen != $"new-{trial}")
            {
                stale++;
                output.WriteLine($"trial {trial}: the caller that started after the write got {seen}");
            }
        }

        output.WriteLine($"{placement}, L1 {withL1}, {(byTag ? "tag" : "key")}: {stale} stale of {Trials}");
        Assert.Equal(0, stale);
    }

    [Fact]
    public async Task A_reader_whose_GET_reached_Redis_before_the_writers_delete_cannot_leave_the_old_value_in_the_writers_L1()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var engine = set[0];
        var method = Cached.Method<string>(engine, new CachePolicy("own-write:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        var logicalKey = method.FormatKey("1");
        var database = new FakeDatabase<string>("old");
        Assert.Equal("old", await method.GetAsync("1", () => database.Read())); // in Redis and in L1

        // The writer's first local eviction has run; its Redis delete is on its way. A reader of the same instance gets
        // there first: its GET finds the old value, and it fills L1 with it.
        string? racedRead = null;
        engine.BeforeInvalidationDelete = key =>
        {
            if (key == logicalKey)
            {
                racedRead = method.GetAsync("1", () => database.Read()).AsTask().GetAwaiter().GetResult();
            }
        };
        database.Value = "new";
        await engine.InvalidateAsync(logicalKey);
        engine.BeforeInvalidationDelete = null;

        Assert.Equal("old", racedRead); // it started before the write returned: the old row is allowed there
        Assert.Equal("new", await method.GetAsync("1", () => database.Read()));
    }

    [Fact]
    public async Task Readers_racing_the_writers_own_invalidations_never_see_a_value_older_than_the_last_acknowledged_write()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var engine = set[0];
        var method = Cached.Method<string>(engine, new CachePolicy("own-race:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        var logicalKey = method.FormatKey("hot");
        var rounds = TestScale.Rounds(20_000);
        var row = 0;
        var acknowledged = 0;
        var stale = 0L;
        var reads = 0L;
        using var stop = new CancellationTokenSource();

        async Task ReadAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var floor = Volatile.Read(ref acknowledged);
                var seen = int.Parse(await method.GetAsync("hot", () => Volatile.Read(ref row).ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);
                Interlocked.Increment(ref reads);
                if (seen < floor)
                {
                    Interlocked.Increment(ref stale);
                }
            }
        }

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(ReadAsync)).ToArray();
        for (var i = 1; i <= rounds; i++)
        {
            Volatile.Write(ref row, i);
            await engine.InvalidateAsync(logicalKey);
            Volatile.Write(ref acknowledged, i);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        // After the last write, quiescent: L1 and Redis hold the last row or nothing.
        Assert.Equal($"{rounds}", await method.GetAsync("hot", () => Volatile.Read(ref row).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        output.WriteLine($"{rounds} writes, {reads} reads racing them: {stale} stale");
        Assert.Equal(0, stale);
    }
}
