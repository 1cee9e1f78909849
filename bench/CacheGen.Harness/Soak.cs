using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CacheGen.Harness;

/// <summary>The soak's repository: one cached method with an L1, one without, one write that invalidates both.</summary>
public interface ISoakStore
{
    Task<Row> GetWithL1Async(int id, CancellationToken ct = default);

    Task<Row> GetAsync(int id, CancellationToken ct = default);

    /// <summary>Writes a new version of the row and returns it once both keys are invalidated.</summary>
    Task<long> SaveAsync(int id, CancellationToken ct = default);
}

public sealed class SoakStore(Database database) : ISoakStore
{
    [Cached("soak-l1:{id}", TtlSeconds = 600, LocalTtlSeconds = 600)]
    public Task<Row> GetWithL1Async(int id, CancellationToken ct) => database.LoadAsync(id);

    [Cached("soak:{id}", TtlSeconds = 600)]
    public Task<Row> GetAsync(int id, CancellationToken ct) => database.LoadAsync(id);

    [InvalidatesCache("soak-l1:{id}")]
    [InvalidatesCache("soak:{id}")]
    public Task<long> SaveAsync(int id, CancellationToken ct) => database.WriteAsync(id);
}

/// <summary>One worker's (or the whole soak's) counts.</summary>
public sealed class SoakResult
{
    public long Reads { get; set; }

    public long ReadsWithL1 { get; set; }

    public long Writes { get; set; }

    public long PureInvalidations { get; set; }

    public long StaleReads { get; set; }

    public long StaleReadsWithL1 { get; set; }

    public double MaxStaleVersionsBehind { get; set; }

    public long StaleEntriesAfterQuiescence { get; set; }

    public long Loads { get; set; }

    public double Seconds { get; set; }

    public List<string> Examples { get; set; } = [];
}

/// <summary>
/// Several processes, each its own CacheGen engine and connection, read and write a small set of rows for minutes.
/// Every read that starts after a write of its row was acknowledged (the write method returned) must see that
/// write's version or a later one: the acknowledged version is kept in Redis (<c>db:acked:{id}</c>) and read before
/// each read starts. After the run, every process reads every row again and Redis is checked directly.
/// </summary>
public static class Soak
{
    private const string Prefix = "soak:";

    // Raises db:acked:{id} to ARGV[1] unless it is already higher.
    private const string RaiseFloor = "local v = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1]) end return 1";

    public static async Task<SoakResult> RunAsync(string endpoint, int instances, TimeSpan duration, int rows, int loopsPerInstance)
    {
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(endpoint + ",allowAdmin=true"))
        {
            await admin.GetServers()[0].FlushDatabaseAsync();
        }

        Console.Error.WriteLine($"soak: {instances} processes x {loopsPerInstance} loops, {rows} rows, {duration.TotalMinutes:F1} min");
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, instances)
            .Select(i => new WorkerProcess("worker-soak", endpoint, i.ToString(System.Globalization.CultureInfo.InvariantCulture), duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.ToString(System.Globalization.CultureInfo.InvariantCulture), loopsPerInstance.ToString(System.Globalization.CultureInfo.InvariantCulture), instances.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var results = new List<SoakResult>();
        foreach (var worker in workers)
        {
            results.Add(await worker.ResultAsync<SoakResult>(duration + TimeSpan.FromMinutes(3)));
            worker.Dispose();
        }

        var total = new SoakResult
        {
            Reads = results.Sum(r => r.Reads),
            ReadsWithL1 = results.Sum(r => r.ReadsWithL1),
            Writes = results.Sum(r => r.Writes),
            PureInvalidations = results.Sum(r => r.PureInvalidations),
            StaleReads = results.Sum(r => r.StaleReads),
            StaleReadsWithL1 = results.Sum(r => r.StaleReadsWithL1),
            MaxStaleVersionsBehind = results.Max(r => r.MaxStaleVersionsBehind),
            StaleEntriesAfterQuiescence = results.Sum(r => r.StaleEntriesAfterQuiescence),
            Seconds = results.Max(r => r.Seconds),
            Examples = results.SelectMany(r => r.Examples).Take(20).ToList(),
        };

        // Redis itself after quiescence: every stored value holds its row's current version.
        await using (var check = await ConnectionMultiplexer.ConnectAsync(endpoint))
        {
            var redis = check.GetDatabase();
            var database = new Database(redis);
            for (var id = 0; id < rows; id++)
            {
                total.Loads += await database.LoadsAsync(id);
                var version = await database.VersionAsync(id);
                foreach (var keyspace in new[] { "soak-l1", "soak" })
                {
                    var stored = await redis.StringGetAsync($"{Prefix}{{{keyspace}:{id}}}");
                    if (!stored.IsNull && StoredVersion(stored) != version)
                    {
                        total.StaleEntriesAfterQuiescence++;
                        total.Examples.Add($"redis {keyspace}:{id} holds version {StoredVersion(stored)}, the row is at {version}");
                    }
                }
            }
        }

        Console.Error.WriteLine($"soak: {total.Reads:N0} reads ({total.Reads / Math.Max(1, total.Seconds):N0}/s, {total.ReadsWithL1:N0} through L1 methods), {total.Writes:N0} acknowledged writes, {total.PureInvalidations:N0} bare invalidations, {total.Loads:N0} loads in {total.Seconds:F0} s");
        Console.Error.WriteLine($"soak: {total.StaleReads} stale reads after an acknowledged write ({total.StaleReadsWithL1} through L1 methods), {total.StaleEntriesAfterQuiescence} stale entries after quiescence (Redis and every L1)");
        foreach (var example in total.Examples)
        {
            Console.Error.WriteLine("  " + example);
        }

        _ = started;
        return total;
    }

    /// <summary>The row version in a stored value: 9 header bytes, then the JSON of <see cref="Row"/>.</summary>
    private static long StoredVersion(RedisValue stored)
    {
        ReadOnlyMemory<byte> bytes = stored;
        using var document = System.Text.Json.JsonDocument.Parse(bytes[9..]);
        return document.RootElement.GetProperty("version").GetInt64();
    }

    /// <summary>Each process counts itself in at <paramref name="key"/> and waits until all have.</summary>
    public static async Task BarrierAsync(IDatabase redis, string key, int instances)
    {
        await redis.StringIncrementAsync(key);
        while ((long)await redis.StringGetAsync(key) < instances)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>Reads every row through both methods; counts (and reports) those not at the row's current version.</summary>
    public static async Task<long> CountStaleRowsAsync(ISoakStore store, Database database, int rows, int index, Action<string> report)
    {
        long stale = 0;
        for (var id = 0; id < rows; id++)
        {
            var version = await database.VersionAsync(id);
            foreach (var row in new[] { await store.GetWithL1Async(id), await store.GetAsync(id) })
            {
                if (row.Version != version)
                {
                    stale++;
                    report($"instance {index} after quiescence: row {id} served version {row.Version}, the row is at {version}");
                }
            }
        }

        return stale;
    }

    public static async Task<int> WorkerAsync(string[] args)
    {
        var endpoint = args[0];
        var index = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        var rows = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var loops = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
        var instances = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);

        var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var redis = connection.GetDatabase();
        var database = new Database(redis);
        var random = new Random(1000 + index);
        var services = new ServiceCollection()
            .AddSingleton(database)
            .AddCacheGen(o => { o.Redis = endpoint; o.KeyPrefix = Prefix; o.InstanceId = $"soak-{index}"; })
            .AddCached<ISoakStore, SoakStore>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        var engine = services.GetRequiredService<CacheEngine>();
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        var store = services.GetRequiredService<ISoakStore>();

        // Loads take 0-3 ms after reading the row, so loads, joins and writes overlap all the time.
        database.AfterRead = _ => Random.Shared.Next(4) is var ms && ms == 0 ? Task.CompletedTask : Task.Delay(ms);

        // Start together: each worker says it is ready and waits until all are.
        await redis.StringIncrementAsync("soak:ready");
        while ((long)await redis.StringGetAsync("soak:ready") < instances)
        {
            await Task.Delay(10);
        }

        var result = new SoakResult();
        var stale = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        long reads = 0, readsWithL1 = 0, writes = 0, bare = 0, staleReads = 0, staleWithL1 = 0, maxBehind = 0;

        async Task LoopAsync(int loop)
        {
            var rng = new Random((index * 1000) + loop);
            while (clock.Elapsed < duration)
            {
                // A few hot rows get most of the traffic.
                var id = rng.NextDouble() < 0.8 ? rng.Next(Math.Min(8, rows)) : rng.Next(rows);
                var dice = rng.Next(1000);
                if (dice < 20)
                {
                    // The row's version goes up, then both keys are invalidated; from the return on, that version is
                    // acknowledged. (Reading the row's version afterwards could pick up another writer's unacknowledged one.)
                    var version = await store.SaveAsync(id);
                    await redis.ScriptEvaluateAsync(RaiseFloor, ["db:acked:" + id], [version]);
                    Interlocked.Increment(ref writes);
                    continue;
                }

                if (dice < 25)
                {
                    await engine.InvalidateAsync($"soak{(rng.Next(2) == 0 ? "-l1" : string.Empty)}:{id}");
                    Interlocked.Increment(ref bare);
                    continue;
                }

                var withL1 = rng.Next(2) == 0;
                var floor = (long)await redis.StringGetAsync("db:acked:" + id); // acknowledged before this read starts
                var row = withL1 ? await store.GetWithL1Async(id) : await store.GetAsync(id);
                Interlocked.Increment(ref reads);
                if (withL1)
                {
                    Interlocked.Increment(ref readsWithL1);
                }

                if (row.Version < floor)
                {
                    Interlocked.Increment(ref staleReads);
                    if (withL1)
                    {
                        Interlocked.Increment(ref staleWithL1);
                    }

                    var behind = floor - row.Version;
                    long seen;
                    while ((seen = Interlocked.Read(ref maxBehind)) < behind && Interlocked.CompareExchange(ref maxBehind, behind, seen) != seen)
                    {
                    }

                    if (stale.Count < 10)
                    {
                        stale.Enqueue($"instance {index}: {(withL1 ? "soak-l1" : "soak")}:{id} returned version {row.Version} after version {floor} was acknowledged");
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, loops).Select(l => Task.Run(() => LoopAsync(l))));
        result.Seconds = clock.Elapsed.TotalSeconds;

        // Quiescence: every worker stops, then each reads every row through both methods.
        await BarrierAsync(redis, "soak:done", instances);
        result.StaleEntriesAfterQuiescence = await CountStaleRowsAsync(store, database, rows, index, stale.Enqueue);

        result.Reads = reads;
        result.ReadsWithL1 = readsWithL1;
        result.Writes = writes;
        result.PureInvalidations = bare;
        result.StaleReads = staleReads;
        result.StaleReadsWithL1 = staleWithL1;
        result.MaxStaleVersionsBehind = maxBehind;
        result.Examples = [.. stale];
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(result, Json.Options));
        await services.DisposeAsync();
        await connection.DisposeAsync();
        return 0;
    }
}
