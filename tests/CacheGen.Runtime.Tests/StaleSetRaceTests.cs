using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CacheGen.Tests;

/// <summary>
/// The race that delete-on-write loses: a reader misses, reads the old row, the writer commits and invalidates, the
/// reader writes the old row back. Leases make the reader's write fail.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class StaleSetRaceTests(RedisServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public Task Invalidation_during_load_rejects_the_stale_write() => GatedRaceAsync(server.Endpoint);

    [ClusterFact]
    public Task Invalidation_during_load_rejects_the_stale_write_on_a_cluster() => GatedRaceAsync(RedisServerFixture.ClusterEndpoints!);

    [Fact]
    public Task Randomized_interleavings_never_poison_the_cache() => RandomizedAsync(server.Endpoint, trials: 200);

    [ClusterFact]
    public Task Randomized_interleavings_never_poison_the_cache_on_a_cluster() => RandomizedAsync(RedisServerFixture.ClusterEndpoints!, trials: 200);

    private static async Task GatedRaceAsync(string endpoint)
    {
        await using var set = await EngineSet.StartAsync(endpoint, 2, o => o.LeaseTtl = TimeSpan.FromSeconds(30));
        var policy = new CachePolicy("revenue:{id}", ttlSeconds: 300);
        var reader = Cached.Method<string>(set[0], policy);
        var writer = set[1];
        var database = new FakeDatabase<string>("old");
        var readDone = new Signal<bool>();
        var release = new Gate();

        var staleRead = reader.GetAsync("2024-05", async _ =>
        {
            var value = database.Read();       // reads the old row...
            readDone.Raise(true);
            await release.WaitAsync();         // ...and is held while the write commits and invalidates
            return value;
        }).AsTask();

        await readDone.WaitAsync();
        database.Value = "new";
        await writer.InvalidateAsync(reader.FormatKey("2024-05"));
        release.Open();

        Assert.Equal("old", await staleRead);  // the slow reader's own caller saw the row it read
        var redis = set[0].Connection!.GetDatabase();
        Assert.False(await redis.KeyExistsAsync(set.ValueKey(reader.FormatKey("2024-05"))), "the stale write must have been rejected");
        var next = await reader.GetAsync("2024-05", () => database.Read());
        Assert.Equal("new", next);
        Assert.Equal(2, database.Loads);
    }

    private async Task RandomizedAsync(string endpoint, int trials)
    {
        // Reader on instance 0 (with L1), writer on instance 1 (with L1), verifier on instance 2 (no L1).
        await using var set = await EngineSet.StartAsync(endpoint, 3, o => o.LeaseTtl = TimeSpan.FromSeconds(30));
        var withLocal = new CachePolicy("acct:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var reader = Cached.Method<string>(set[0], withLocal);
        var writerView = Cached.Method<string>(set[1], withLocal);
        var verifier = Cached.Method<string>(set[2], new CachePolicy("acct:{id}", ttlSeconds: 300));
        var random = new Random(20261126);
        var poisoned = 0;
        var schedules = new int[4];

        for (var trial = 0; trial < trials; trial++)
        {
            var id = $"a{trial}";
            var database = new FakeDatabase<string>($"old-{trial}");
            var fresh = $"new-{trial}";
            var readDone = new Signal<bool>();
            var release = new Gate();

            // Where the write lands relative to the reader's load:
            // 0 before it starts, 1 after the read but before the reader writes, 2 after the reader finished,
            // 3 concurrently with no gate at all (the thread pool decides).
            var schedule = random.Next(4);
            schedules[schedule]++;
            if (random.Next(2) == 0)
            {
                await writerView.GetAsync(id, () => database.Read()); // sometimes the writer's instance holds an L1 copy too
            }

            // Other instances drop their L1 copies when the broadcast reaches them (on a cluster that can be a moment
            // after the write returns): the check below waits for that, then requires the new row everywhere.
            var logicalKey = writerView.FormatKey(id);
            var heardByReader = new Signal<bool>();
            var heardByVerifier = new Signal<bool>();
            void ReaderHeard(string key)
            {
                if (key == logicalKey)
                {
                    heardByReader.Raise(true);
                }
            }

            void VerifierHeard(string key)
            {
                if (key == logicalKey)
                {
                    heardByVerifier.Raise(true);
                }
            }

            set[0].InvalidationReceived += ReaderHeard;
            set[2].InvalidationReceived += VerifierHeard;

            async Task WriteAsync()
            {
                database.Value = fresh;
                await set[1].InvalidateAsync(logicalKey);
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
                // The reader may hit the copy the writer's instance just cached: then there is no load to hold.
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

            await heardByReader.WaitAsync(10);
            await heardByVerifier.WaitAsync(10);
            set[0].InvalidationReceived -= ReaderHeard;
            set[2].InvalidationReceived -= VerifierHeard;

            // After the write and its broadcast, every instance must see the new row.
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
}
