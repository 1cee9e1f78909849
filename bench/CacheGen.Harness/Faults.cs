using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CacheGen.Benchmarks;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CacheGen.Harness;

/// <summary>One read that returned a row older than a write acknowledged before it started.</summary>
public sealed record StaleRead(long AtMs, int Instance, int Id, bool WithL1, long Behind);

/// <summary>One worker's counts in a fault run.</summary>
public sealed class FaultWorkerResult
{
    public long Reads { get; set; }

    public long Writes { get; set; }

    public long Failed { get; set; }

    public double MaxCallMs { get; set; }

    public long MaxCallAtMs { get; set; }

    public long StaleCount { get; set; }

    public List<StaleRead> Stale { get; set; } = [];

    /// <summary>Reads of the healthy rows (not the two damaged ones), before and after the fault started.</summary>
    public long[] HealthyReads { get; set; } = new long[2];

    public long PendingInvalidations { get; set; }

    public long StaleAfterQuiescence { get; set; }

    public List<string> Errors { get; set; } = [];
}

/// <summary>A fault run's figures (<c>faults --scenario …</c>).</summary>
public sealed class FaultResult
{
    public string Scenario { get; set; } = string.Empty;

    public int Instances { get; set; }

    public double FaultSeconds { get; set; }

    public long Reads { get; set; }

    public long Writes { get; set; }

    public long Failed { get; set; }

    /// <summary>The longest any call took, and when (ms after the fault started).</summary>
    public double MaxCallMs { get; set; }

    public double MaxCallAfterFaultMs { get; set; }

    public long StaleBeforeFault { get; set; }

    public long StaleDuringFault { get; set; }

    public long StaleAfterAnswered { get; set; }

    /// <summary>The last stale read's start, in ms after Redis answered again (0 when none came after).</summary>
    public double LastStaleAfterAnsweredMs { get; set; }

    public long OrphanLeases { get; set; }

    public long PendingInvalidationsAfter { get; set; }

    public long StaleAfterQuiescence { get; set; }

    /// <summary>wrongtype: the healthy rows' hit ratio before and after the damage, and after/before.</summary>
    public double HealthyHitRatioBefore { get; set; }

    public double HealthyHitRatioAfter { get; set; }

    public List<string> Examples { get; set; } = [];

    /// <summary>
    /// What this run broke of the documented guarantees: no failed call, no lease left, every queued invalidation
    /// applied, nothing stale after quiescence; after a pause or a restart, no stale read 250 ms after Redis answered;
    /// after a partition, none 1 s after it healed (measured well under 250 ms; the margin is for noisy machines); with
    /// two damaged keys, no stale read and the healthy rows' hit ratio kept (≥ 99 % of before).
    /// </summary>
    public List<string> Violations()
    {
        var violations = new List<string>();
        void Check(bool ok, string what)
        {
            if (!ok)
            {
                violations.Add($"{Scenario}: {what}");
            }
        }

        Check(Failed == 0, $"{Failed} calls failed");
        Check(OrphanLeases == 0, $"{OrphanLeases} leases left without a holder");
        Check(PendingInvalidationsAfter == 0, $"{PendingInvalidationsAfter} invalidations never applied");
        Check(StaleAfterQuiescence == 0, $"{StaleAfterQuiescence} stale values after quiescence");
        var bound = Scenario == "partition" ? 1000 : 250;
        Check(LastStaleAfterAnsweredMs <= bound, $"a stale read {LastStaleAfterAnsweredMs} ms after Redis answered (bound {bound} ms)");
        if (Scenario == "wrongtype")
        {
            Check(StaleDuringFault + StaleAfterAnswered == 0, "stale reads with two damaged keys");
            Check(HealthyHitRatioAfter >= 0.99 * HealthyHitRatioBefore, $"healthy rows' hit ratio fell from {HealthyHitRatioBefore:P2} to {HealthyHitRatioAfter:P2}");
        }

        return violations;
    }
}

/// <summary>
/// Fault injection against a real redis-server process: several worker processes, each with its own engine and
/// connection, read and write rows while the cache's Redis is paused (SIGSTOP), killed and restarted (empty or from a
/// snapshot), cut off from one instance (a partition: the connection stays open, nothing gets through), or damaged at
/// two keys (a hash at a value key, a foreign lease key). The rows live in a second redis-server that is never faulted.
/// Every read is checked against the version acknowledged before it started.
/// </summary>
public static class Faults
{
    public static readonly string[] Scenarios = ["sigstop", "kill-empty", "kill-snapshot", "partition", "wrongtype"];

    private const string Prefix = "faults:";
    private const int Rows = 32;

    // Raises db:acked:{id} to ARGV[1] unless it is already higher.
    private const string RaiseFloor = "local v = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1]) end return 1";

    public static async Task<FaultResult> RunAsync(string scenario, int instances, int loops)
    {
        using var db = new RedisProcess();
        using var cache = new CacheServer();
        TcpOutageProxy? proxy = scenario == "partition" ? TcpOutageProxy.Start(cache.Endpoint) : null;
        await using var dbConnection = await ConnectionMultiplexer.ConnectAsync(db.Endpoint);
        var dbRedis = dbConnection.GetDatabase();

        Console.Error.WriteLine($"faults {scenario}: {instances} processes x {loops} loops; cache redis-server pid {cache.Pid}, rows in a second redis-server");
        var workers = Enumerable.Range(0, instances)
            .Select(i => new WorkerProcess("worker-faults", db.Endpoint, i == 0 && proxy is not null ? proxy.Endpoint : cache.Endpoint, i.ToString(CultureInfo.InvariantCulture), loops.ToString(CultureInfo.InvariantCulture), instances.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        try
        {
            while ((long)await dbRedis.StringGetAsync("faults:ready") < instances)
            {
                await Task.Delay(20);
            }

            await Task.Delay(TimeSpan.FromSeconds(4)); // warm: every row cached, L1s filled
            var faultAt = Now();
            await dbRedis.StringSetAsync("faults:phase", 1);
            long answeredAt;
            switch (scenario)
            {
                case "sigstop":
                    cache.Signal("-STOP");
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    cache.Signal("-CONT");
                    answeredAt = Now();
                    break;
                case "kill-empty":
                case "kill-snapshot":
                    if (scenario == "kill-snapshot")
                    {
                        await cache.SaveAsync(); // a snapshot taken just before the kill
                    }

                    cache.Kill();
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    await cache.StartAsync(fromSnapshot: scenario == "kill-snapshot");
                    answeredAt = Now();
                    break;
                case "partition":
                    proxy!.Stall(); // instance 0 writes on, cut off from Redis
                    await Task.Delay(TimeSpan.FromSeconds(10));
                    proxy.Unstall();
                    answeredAt = Now();
                    break;
                case "wrongtype":
                    await using (var admin = await ConnectionMultiplexer.ConnectAsync(cache.Endpoint))
                    {
                        // In one step: a worker may write the value back between a DEL and an HSET.
                        await admin.GetDatabase().ScriptEvaluateAsync("redis.call('DEL', KEYS[1]) return redis.call('HSET', KEYS[1], 'field', 'not a cached value')", [(RedisKey)(Prefix + "{soak:0}")]);
                        await admin.GetDatabase().StringSetAsync(Prefix + "{soak:1}:lease", "held by some other program", TimeSpan.FromMinutes(10));
                    }

                    answeredAt = faultAt;
                    break;
                default:
                    throw new ArgumentException($"unknown scenario '{scenario}'; use one of: {string.Join(", ", Scenarios)}");
            }

            var loadsAtFault = await HealthyLoadsAsync(dbRedis);
            await Task.Delay(TimeSpan.FromSeconds(scenario == "wrongtype" ? 10 : 6));
            var loadsAtEnd = await HealthyLoadsAsync(dbRedis);
            await dbRedis.StringSetAsync("faults:stop", 1);

            var results = new List<FaultWorkerResult>();
            foreach (var worker in workers)
            {
                results.Add(await worker.ResultAsync<FaultWorkerResult>(TimeSpan.FromMinutes(2)));
            }

            var stale = results.SelectMany(r => r.Stale).ToList();
            var afterAnswered = stale.Where(s => s.AtMs >= answeredAt).ToList();
            var result = new FaultResult
            {
                Scenario = scenario,
                Instances = instances,
                FaultSeconds = (answeredAt - faultAt) / 1000.0,
                Reads = results.Sum(r => r.Reads),
                Writes = results.Sum(r => r.Writes),
                Failed = results.Sum(r => r.Failed),
                MaxCallMs = results.Max(r => r.MaxCallMs),
                MaxCallAfterFaultMs = results.MaxBy(r => r.MaxCallMs)!.MaxCallAtMs - faultAt,
                StaleBeforeFault = stale.Count(s => s.AtMs < faultAt),
                StaleDuringFault = stale.Count(s => s.AtMs >= faultAt && s.AtMs < answeredAt),
                StaleAfterAnswered = afterAnswered.Count,
                LastStaleAfterAnsweredMs = afterAnswered.Count == 0 ? 0 : afterAnswered.Max(s => s.AtMs) - answeredAt,
                OrphanLeases = await cache.CountLeasesAsync(),
                PendingInvalidationsAfter = results.Sum(r => r.PendingInvalidations),
                StaleAfterQuiescence = results.Sum(r => r.StaleAfterQuiescence),
                Examples = [.. results.SelectMany(r => r.Errors).Take(10), .. afterAnswered.Take(5).Select(s => $"after answered +{s.AtMs - answeredAt} ms: instance {s.Instance} row {s.Id} {(s.WithL1 ? "(L1 method)" : string.Empty)} {s.Behind} version(s) behind")],
            };
            var readsBefore = results.Sum(r => r.HealthyReads[0]);
            var readsAfter = results.Sum(r => r.HealthyReads[1]);
            result.HealthyHitRatioBefore = 1 - ((double)loadsAtFault / Math.Max(1, readsBefore));
            result.HealthyHitRatioAfter = 1 - ((double)(loadsAtEnd - loadsAtFault) / Math.Max(1, readsAfter));
            if (results.Sum(r => r.StaleCount) > stale.Count)
            {
                result.Examples.Add($"more stale reads than recorded: {results.Sum(r => r.StaleCount)}");
            }

            Console.Error.WriteLine($"faults {scenario}: {result.Reads:N0} reads, {result.Writes:N0} writes, {result.Failed} failed; longest call {result.MaxCallMs:F0} ms; stale reads before/during/after {result.StaleBeforeFault}/{result.StaleDuringFault}/{result.StaleAfterAnswered}, last {result.LastStaleAfterAnsweredMs} ms after Redis answered; {result.OrphanLeases} leases left, {result.PendingInvalidationsAfter} invalidations pending, {result.StaleAfterQuiescence} stale after quiescence");
            if (scenario == "wrongtype")
            {
                Console.Error.WriteLine($"faults wrongtype: healthy rows' hit ratio {result.HealthyHitRatioBefore:P2} before, {result.HealthyHitRatioAfter:P2} after");
            }

            foreach (var example in result.Examples)
            {
                Console.Error.WriteLine("  " + example);
            }

            return result;
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }

            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static async Task<long> HealthyLoadsAsync(IDatabase db)
    {
        long loads = 0;
        for (var id = 2; id < Rows; id++)
        {
            loads += (long)await db.StringGetAsync("db:loads:" + id);
        }

        return loads;
    }

    public static async Task<int> WorkerAsync(string[] args)
    {
        var dbEndpoint = args[0];
        var cacheEndpoint = args[1];
        var index = int.Parse(args[2], CultureInfo.InvariantCulture);
        var loops = int.Parse(args[3], CultureInfo.InvariantCulture);

        await using var dbConnection = await ConnectionMultiplexer.ConnectAsync(dbEndpoint);
        var dbRedis = dbConnection.GetDatabase();
        var database = new Database(dbRedis);
        await using var services = new ServiceCollection()
            .AddSingleton(database)
            .AddCacheGen(o => { o.Redis = cacheEndpoint; o.KeyPrefix = Prefix; o.InstanceId = $"faults-{index}"; })
            .AddCached<ISoakStore, SoakStore>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        var engine = services.GetRequiredService<CacheEngine>();
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        var store = services.GetRequiredService<ISoakStore>();
        database.AfterRead = _ => Random.Shared.Next(4) is var ms && ms == 0 ? Task.CompletedTask : Task.Delay(ms);

        await dbRedis.StringIncrementAsync("faults:ready");
        var result = new FaultWorkerResult();
        var stale = new ConcurrentQueue<StaleRead>();
        var errors = new ConcurrentQueue<string>();
        long reads = 0, writes = 0, failed = 0, staleCount = 0, before = 0, after = 0;
        var maxCall = 0.0;
        long maxCallAt = 0;
        var phase = 0;
        var stop = false;
        var gate = new object();

        var watcher = Task.Run(async () =>
        {
            while (!Volatile.Read(ref stop))
            {
                Volatile.Write(ref phase, (int)(long)await dbRedis.StringGetAsync("faults:phase"));
                Volatile.Write(ref stop, (long)await dbRedis.StringGetAsync("faults:stop") == 1);
                await Task.Delay(20);
            }
        });

        async Task LoopAsync(int loop)
        {
            var rng = new Random((index * 1000) + loop);
            while (!Volatile.Read(ref stop))
            {
                await Task.Delay(1);
                var id = rng.NextDouble() < 0.8 ? rng.Next(8) : rng.Next(Rows);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (rng.Next(1000) < 10)
                    {
                        var version = await store.SaveAsync(id);
                        await dbRedis.ScriptEvaluateAsync(RaiseFloor, ["db:acked:" + id], [version]);
                        Interlocked.Increment(ref writes);
                        continue;
                    }

                    var withL1 = rng.Next(2) == 0;
                    var floor = (long)await dbRedis.StringGetAsync("db:acked:" + id);
                    var at = Now();
                    started = Stopwatch.GetTimestamp();
                    var row = withL1 ? await store.GetWithL1Async(id) : await store.GetAsync(id);
                    Interlocked.Increment(ref reads);
                    if (id >= 2)
                    {
                        Interlocked.Increment(ref Volatile.Read(ref phase) == 0 ? ref before : ref after);
                    }

                    if (row.Version < floor)
                    {
                        Interlocked.Increment(ref staleCount);
                        if (stale.Count < 20_000)
                        {
                            stale.Enqueue(new StaleRead(at, index, id, withL1, floor - row.Version));
                        }
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failed);
                    if (errors.Count < 5)
                    {
                        errors.Enqueue($"instance {index}: {ex.GetType().Name}: {ex.Message}");
                    }
                }
                finally
                {
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (gate)
                    {
                        if (ms > maxCall)
                        {
                            maxCall = ms;
                            maxCallAt = Now();
                        }
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, loops).Select(l => Task.Run(() => LoopAsync(l))));
        await watcher;

        // Quiescence: wait for queued invalidations (bounded), then read every row through both methods.
        for (var i = 0; i < 200 && engine.PendingInvalidations > 0; i++)
        {
            await Task.Delay(50);
        }

        var instances = int.Parse(args[4], CultureInfo.InvariantCulture);
        await Soak.BarrierAsync(dbRedis, "faults:quiet", instances);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past LocalCacheOfflineLifetime for an instance that was cut off
        result.StaleAfterQuiescence = await Soak.CountStaleRowsAsync(store, database, Rows, index, errors.Enqueue);

        result.Reads = reads;
        result.Writes = writes;
        result.Failed = failed;
        result.MaxCallMs = maxCall;
        result.MaxCallAtMs = maxCallAt;
        result.StaleCount = staleCount;
        result.Stale = [.. stale];
        result.HealthyReads = [before, after];
        result.PendingInvalidations = engine.PendingInvalidations;
        result.Errors = [.. errors];
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(result, Json.Options));
        return 0;
    }

    /// <summary>The cache's redis-server: paused, killed and restarted by pid, with a snapshot file of its own.</summary>
    private sealed class CacheServer : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("cachegen-faults-").FullName;
        private Process? _process;

        public CacheServer()
        {
            Port = FreePort();
            StartAsync(fromSnapshot: false).GetAwaiter().GetResult();
        }

        public int Port { get; }

        public string Endpoint => $"127.0.0.1:{Port}";

        public int Pid => _process?.Id ?? 0;

        public async Task StartAsync(bool fromSnapshot)
        {
            if (!fromSnapshot)
            {
                File.Delete(Path.Combine(_dir, "dump.rdb"));
            }

            _process = Process.Start(new ProcessStartInfo(Environment.GetEnvironmentVariable("CACHEGEN_REDIS_SERVER") ?? "redis-server")
            {
                ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _dir, "--dbfilename", "dump.rdb" },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("redis-server did not start");
            _process.OutputDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            for (var i = 0; i < 400; i++)
            {
                try
                {
                    using var client = new System.Net.Sockets.TcpClient();
                    await client.ConnectAsync("127.0.0.1", Port);
                    return;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    await Task.Delay(5);
                }
            }

            throw new InvalidOperationException("redis-server did not answer on port " + Port);
        }

        public void Signal(string signal)
        {
            using var kill = Process.Start("kill", [signal, Pid.ToString(CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }

        public void Kill()
        {
            Signal("-KILL");
            _process!.WaitForExit();
            _process.Dispose();
            _process = null;
        }

        public async Task SaveAsync()
        {
            await using var admin = await ConnectionMultiplexer.ConnectAsync(Endpoint + ",allowAdmin=true");
            await admin.GetDatabase().ExecuteAsync("SAVE"); // in the foreground: the snapshot is complete when it returns
        }

        public async Task<long> CountLeasesAsync()
        {
            await using var admin = await ConnectionMultiplexer.ConnectAsync(Endpoint + ",allowAdmin=true");
            long count = 0;
            await foreach (var _ in admin.GetServers()[0].KeysAsync(pattern: Prefix + "*:lease"))
            {
                count++;
            }

            return count;
        }

        public void Dispose()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process?.Dispose();
            Directory.Delete(_dir, recursive: true);
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
