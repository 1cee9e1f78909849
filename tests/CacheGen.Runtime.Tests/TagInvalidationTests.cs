using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CacheGen.Tests;

/// <summary>
/// Tags: one invalidation of a tag invalidates every entry that carries it — in Redis, in this instance's L1 and in
/// every other instance's L1 — with one Redis delete whatever their number, and fences loads that began before it
/// exactly as a key invalidation does.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class TagInvalidationTests(RedisServerFixture server, ITestOutputHelper output)
{
    /// <summary>A method keyed by one id whose tags are rendered from the same id, as generated code binds them.</summary>
    private static CachedMethod<string, string> Tagged(CacheEngine engine, CachePolicy policy) =>
        engine.GetCachedMethod<string, string>(
            policy,
            id => policy.Template.Render([id]),
            id => policy.Tags.Select(t => t.Placeholders.Count == 0 ? t.Render() : t.Render([id])).ToArray());

    [Fact]
    public async Task A_tag_invalidation_reaches_entries_in_redis()
    {
        // Instances without L1: every read goes to Redis.
        await using var set = await EngineSet.StartAsync(server.Endpoint, 3);
        var policy = new CachePolicy("rev:{month}", ttlSeconds: 300, tags: ["rev"]);
        var database = new FakeDatabase<string>("old");
        var months = Enumerable.Range(1, 12).Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var reader = Tagged(set[0], policy);
        foreach (var month in months)
        {
            Assert.Equal("old", await reader.GetAsync(month, () => database.Read()));
        }

        Assert.Equal(12, database.Loads);
        foreach (var month in months)
        {
            Assert.Equal("old", await reader.GetAsync(month, () => database.Read())); // served by Redis
        }

        Assert.Equal(12, database.Loads);

        database.Value = "new";
        await set[1].InvalidateTagAsync("rev");

        // The values are still in Redis (nothing was deleted entry by entry), and no instance is served one of them.
        var redis = set[0].Connection!.GetDatabase();
        foreach (var month in months)
        {
            Assert.True(await redis.KeyExistsAsync(set.ValueKey(reader.FormatKey(month))));
        }

        foreach (var engine in set.Engines)
        {
            var method = Tagged(engine, policy);
            foreach (var month in months)
            {
                Assert.Equal("new", await method.GetAsync(month, () => database.Read()));
            }
        }

        Assert.Equal(24, database.Loads); // one load per entry, whichever instance read it first
    }

    [Fact]
    public async Task A_tag_invalidation_drops_this_instances_local_copies()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var policy = new CachePolicy("revl:{month}", ttlSeconds: 300, localTtlSeconds: 300, tags: ["revl", "revl:{month}"]);
        var method = Tagged(set[0], policy);
        var database = new FakeDatabase<string>("old");
        Assert.Equal("old", await method.GetAsync("6", () => database.Read()));
        Assert.Equal("old", await method.GetAsync("7", () => database.Read()));
        Assert.Equal("old", await method.GetAsync("6", () => database.Read())); // L1
        Assert.Equal(2, database.Loads);

        database.Value = "new";
        await set[0].InvalidateTagAsync("revl:6"); // the month's own tag: only June
        Assert.Equal("new", await method.GetAsync("6", () => database.Read()));
        Assert.Equal("old", await method.GetAsync("7", () => database.Read()));
        Assert.Equal(3, database.Loads);

        await set[0].InvalidateTagAsync("revl"); // the keyspace-wide tag: every month
        Assert.Equal("new", await method.GetAsync("7", () => database.Read()));
        Assert.Equal("new", await method.GetAsync("6", () => database.Read()));
        Assert.Equal(5, database.Loads);
    }

    [Fact]
    public async Task A_synchronous_tag_invalidation_drops_this_instances_local_copies()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var policy = new CachePolicy("revs:{month}", ttlSeconds: 300, localTtlSeconds: 300, tags: ["revs"]);
        var methods = set.Engines.Select(e => Tagged(e, policy)).ToArray();
        foreach (var method in methods)
        {
            Assert.Equal("old", await method.GetAsync("6", () => "old"));
        }

        await Task.Run(() => set[0].InvalidateTag("revs"));
        foreach (var method in methods)
        {
            Assert.Equal("new", await method.GetAsync("6", () => "new"));
        }
    }

    [Fact]
    public async Task A_tag_invalidation_returns_only_after_every_other_instance_dropped_its_copies()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 3, o => o.InvalidationAckTimeout = TimeSpan.FromSeconds(20));
        var policy = new CachePolicy("reva:{month}", ttlSeconds: 300, localTtlSeconds: 300, tags: ["reva"]);
        var methods = set.Engines.Select(e => Tagged(e, policy)).ToArray();
        for (var i = 0; i < methods.Length; i++)
        {
            // Each instance holds an L1 copy (a call that a loaded machine made run without Redis fills nothing: read again).
            for (var attempt = 0; attempt < 5 && set[i].Local.Count == 0; attempt++)
            {
                Assert.Equal("old", await methods[i].GetAsync("6", () => "old"));
            }

            Assert.Equal(1, set[i].Local.Count);
        }

        // Instance 2 is slow to apply the broadcast: it is held until the test lets it go.
        var held = new Signal<bool>();
        var release = new ManualResetEventSlim();
        set[2].BeforeInvalidationApplied = entry =>
        {
            if (entry == CacheEngine.TagEntry("reva"))
            {
                held.Raise(true);
                release.Wait(TimeSpan.FromSeconds(20));
            }
        };

        var invalidation = set[0].InvalidateTagAsync("reva");
        await held.WaitAsync();
        var returnedEarly = await Task.WhenAny(invalidation, Task.Delay(TimeSpan.FromMilliseconds(300))) == invalidation;
        release.Set();
        await invalidation;
        set[2].BeforeInvalidationApplied = null;

        Assert.False(returnedEarly, "the tag invalidation returned while an instance still held a copy");
        foreach (var method in methods)
        {
            Assert.Equal("new", await method.GetAsync("6", () => "new"));
        }
    }

    [Fact]
    public Task A_tag_invalidation_during_a_load_keeps_its_value_from_being_served() => GatedRaceAsync(server.Endpoint);

    [ClusterFact]
    public Task A_tag_invalidation_during_a_load_keeps_its_value_from_being_served_on_a_cluster() => GatedRaceAsync(RedisServerFixture.ClusterEndpoints!);

    private static async Task GatedRaceAsync(string endpoint)
    {
        // The reader's instance has L1; the tag's invalidation does not touch the entry's lease, so the slow loader's
        // write is accepted by Redis — and must still be served to nobody.
        await using var set = await EngineSet.StartAsync(endpoint, 3, o => o.LeaseTtl = TimeSpan.FromSeconds(30));
        var policy = new CachePolicy("revr:{month}", ttlSeconds: 300, localTtlSeconds: 300, tags: ["revr"]);
        var reader = Tagged(set[0], policy);
        var database = new FakeDatabase<string>("old");
        var readDone = new Signal<bool>();
        var release = new Gate();

        var staleRead = reader.GetAsync("6", async _ =>
        {
            var value = database.Read();
            readDone.Raise(true);
            await release.WaitAsync();
            return value;
        }).AsTask();

        await readDone.WaitAsync();
        database.Value = "new";
        await set[1].InvalidateTagAsync("revr");

        // A caller on the loading instance that arrives after the acknowledged invalidation does not join the old load.
        var joinedLate = reader.GetAsync("6", () => database.Read()).AsTask();
        release.Open();
        Assert.Equal("old", await staleRead); // the slow reader's own caller saw the row it read
        Assert.Equal("new", await joinedLate);

        foreach (var engine in set.Engines)
        {
            Assert.Equal("new", await Tagged(engine, policy).GetAsync("6", () => database.Read()));
        }
    }

    [Fact]
    public async Task Randomized_interleavings_of_loads_and_tag_invalidations_never_serve_an_invalidated_value()
    {
        const int trials = 150;
        await using var set = await EngineSet.StartAsync(server.Endpoint, 3, o => o.LeaseTtl = TimeSpan.FromSeconds(30));
        var withLocal = new CachePolicy("acctt:{id}", ttlSeconds: 300, localTtlSeconds: 300, tags: ["acctt:{id}"]);
        var reader = Tagged(set[0], withLocal);
        var writerView = Tagged(set[1], withLocal);
        var verifier = Tagged(set[2], new CachePolicy("acctt:{id}", ttlSeconds: 300, tags: ["acctt:{id}"]));
        var random = new Random(20261203);
        var poisoned = 0;
        var schedules = new int[4];

        for (var trial = 0; trial < trials; trial++)
        {
            var id = $"t{trial}";
            var tag = $"acctt:{id}";
            var database = new FakeDatabase<string>($"old-{trial}");
            var fresh = $"new-{trial}";
            var readDone = new Signal<bool>();
            var release = new Gate();
            var schedule = random.Next(4);
            schedules[schedule]++;
            if (random.Next(2) == 0)
            {
                await writerView.GetAsync(id, () => database.Read());
            }

            async Task WriteAsync()
            {
                database.Value = fresh;
                await set[1].InvalidateTagAsync(tag);
            }

            if (schedule == 0)
            {
                await WriteAsync();
            }

            var read = reader.GetAsync(id, async _ =>
            {
                var value = database.Read();
                readDone.Raise(true);
                if (schedule == 1)
                {
                    await release.WaitAsync();
                }

                return value;
            }).AsTask();

            if (schedule == 1)
            {
                await Task.WhenAny(readDone.WaitAsync(), read);
                await WriteAsync();
                release.Open();
                await read;
            }
            else if (schedule == 2)
            {
                await read;
                await WriteAsync();
            }
            else if (schedule == 3)
            {
                await Task.WhenAll(read, Task.Run(WriteAsync));
            }
            else
            {
                await read;
            }

            // The invalidation was acknowledged by every instance before it returned: no waiting for broadcasts here.
            var seen = new[]
            {
                await verifier.GetAsync(id, () => database.Read()),
                await reader.GetAsync(id, () => database.Read()),
                await writerView.GetAsync(id, () => database.Read()),
            };
            if (seen.Any(v => v != fresh))
            {
                poisoned++;
                output.WriteLine($"trial {trial} schedule {schedule}: saw {string.Join(", ", seen)}");
            }
        }

        output.WriteLine($"{trials} trials (schedules {string.Join("/", schedules)}): {poisoned} poisoned");
        Assert.Equal(0, poisoned);
    }

    [Fact]
    public async Task An_entry_written_before_its_method_had_tags_is_loaded_again()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var untagged = Cached.Method<string>(set[0], new CachePolicy("revu:{month}", ttlSeconds: 300));
        Assert.Equal("untagged", await untagged.GetAsync("6", () => "untagged"));

        // The same key, now with a tag (a new version of the application): the old entry carries no token for it.
        var tagged = Tagged(set[0], new CachePolicy("revu:{month}", ttlSeconds: 300, tags: ["revu"]));
        Assert.Equal("tagged", await tagged.GetAsync("6", () => "tagged"));
        Assert.Equal("tagged", await tagged.GetAsync("6", () => "unused"));
    }

    [Fact]
    public async Task A_tag_key_of_another_type_is_replaced_and_caching_goes_on()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var redis = set[0].Connection!.GetDatabase();
        var tagKey = (RedisKey)(set.Template.KeyPrefix + "tag:{revh}");
        await redis.HashSetAsync(tagKey, "field", "value");
        var method = Tagged(set[0], new CachePolicy("revh:{month}", ttlSeconds: 300, tags: ["revh"]));
        var database = new FakeDatabase<string>("v");
        Assert.Equal("v", await method.GetAsync("6", () => database.Read()));
        Assert.Equal("v", await method.GetAsync("6", () => database.Read()));
        Assert.Equal(1, database.Loads);
        Assert.Equal(RedisType.String, await redis.KeyTypeAsync(tagKey));
        Assert.True(await redis.KeyTimeToLiveAsync(tagKey) > TimeSpan.FromSeconds(300), "a tag must outlive the entries stamped with it");
    }

    [Fact]
    public async Task A_tag_whose_key_expired_or_was_evicted_invalidates_its_entries()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var policy = new CachePolicy("reve:{month}", ttlSeconds: 300, tags: ["reve"]);
        var database = new FakeDatabase<string>("old");
        Assert.Equal("old", await Tagged(set[0], policy).GetAsync("6", () => database.Read()));

        // An eviction is not broadcast: instance 0 knows the old token, instance 1 knows nothing.
        database.Value = "new";
        await set[0].Connection!.GetDatabase().KeyDeleteAsync(set.Template.KeyPrefix + "tag:{reve}");
        Assert.Equal("new", await Tagged(set[1], policy).GetAsync("6", () => database.Read()));

        // Instance 0 finds an entry stamped with a token it does not know: it asks Redis, and takes it.
        Assert.Equal("new", await Tagged(set[0], policy).GetAsync("6", () => database.Read()));
        Assert.Equal(2, database.Loads);
    }

    [Fact]
    public async Task A_tag_invalidated_while_redis_is_away_is_applied_when_it_is_back()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var writer = await set.AddAsync(o =>
        {
            o.Redis = proxy.Endpoint;
            o.OperationTimeout = TimeSpan.FromMilliseconds(300);
            o.BreakerMinimumThroughput = 1;
        });
        var policy = new CachePolicy("revq:{month}", ttlSeconds: 300, tags: ["revq"]);
        var reader = Tagged(set[0], policy);
        var database = new FakeDatabase<string>("old");
        Assert.Equal("old", await reader.GetAsync("6", () => database.Read()));

        proxy.Stall();
        database.Value = "new";
        await writer.InvalidateTagAsync("revq"); // times out: queued
        Assert.Equal(1, writer.PendingInvalidations);
        Assert.Equal("old", await reader.GetAsync("6", () => database.Read())); // not applied in Redis yet

        // A replayed invalidation is not waited for by anyone (every instance cleared what it knew when it reconnected,
        // and this reader never lost Redis): the reader drops the tag when the broadcast reaches it.
        var drained = new Signal<bool>();
        var heard = new Signal<bool>();
        writer.InvalidationsDrained += () => drained.Raise(true);
        set[0].InvalidationReceived += entry =>
        {
            if (entry == CacheEngine.TagEntry("revq"))
            {
                heard.Raise(true);
            }
        };
        proxy.Unstall();
        await drained.WaitAsync(10);
        await heard.WaitAsync(10);
        Assert.Equal("new", await reader.GetAsync("6", () => database.Read()));
        Assert.Equal("new", await Tagged(writer, policy).GetAsync("6", () => database.Read()));
    }

    [Fact]
    public async Task Without_redis_a_caller_arriving_after_a_tag_invalidation_does_not_join_the_load_before_it()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(proxy.Endpoint, 1, o => o.OperationTimeout = TimeSpan.FromMilliseconds(300));
        var engine = set[0];
        var failed = new Signal<bool>();
        engine.Connection!.ConnectionFailed += (_, _) => failed.Raise(true);
        proxy.Cut();
        await failed.WaitAsync();

        // Redis cannot be reached: callers of one key share one load in this process, fenced by this instance's own
        // invalidations — of keys and of tags.
        var method = Tagged(engine, new CachePolicy("revo:{month}", ttlSeconds: 300, tags: ["revo"]));
        var database = new FakeDatabase<string>("old");
        var readDone = new Signal<bool>();
        var release = new Gate();
        var slow = method.GetAsync("6", async _ =>
        {
            var value = database.Read();
            readDone.Raise(true);
            await release.WaitAsync();
            return value;
        }).AsTask();
        await readDone.WaitAsync();

        database.Value = "new";
        await engine.InvalidateTagAsync("revo"); // queued for Redis; this instance stops trusting what it loaded before
        var joined = new Signal<bool>();
        engine.AfterFlightJoined = _ => joined.Raise(true);
        var late = method.GetAsync("6", () => database.Read()).AsTask();
        await Task.WhenAny(joined.WaitAsync(), late);
        release.Open();

        Assert.Equal("old", await slow);
        Assert.Equal("new", await late);
    }

    [Fact]
    public void A_policy_with_tags_needs_a_function_that_renders_them()
    {
        var engine = new CacheEngine(new CacheGenOptions { Redis = server.Endpoint });
        try
        {
            var policy = new CachePolicy("revf:{month}", tags: ["revf"]);
            var error = Assert.Throws<ArgumentException>(() => engine.GetCachedMethod<string, string>(policy, m => policy.Template.Render([m])));
            Assert.Contains("declares tags", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            engine.Dispose();
        }
    }

    [Fact]
    public void Tag_templates_are_validated_like_keys()
    {
        Assert.Throws<FormatException>(() => new CachePolicy("revv:{month}", tags: [""]));
        Assert.Throws<FormatException>(() => new CachePolicy("revv:{month}", tags: ["revv:{month"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachePolicy("revv:{month}", tags: Enumerable.Range(0, CachePolicy.MaxTags + 1).Select(i => $"t{i}").ToArray()));
    }
}
