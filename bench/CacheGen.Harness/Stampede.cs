using System.Diagnostics;
using StackExchange.Redis;

namespace CacheGen.Harness;

/// <summary>What one worker process saw: each caller's latency in milliseconds, and the calls that failed.</summary>
public sealed record StampedeWorkerResult(double[] Latencies, int Errors, string? FirstError);

/// <summary>One stampede run of one system: loads across every process, and the callers' latency.</summary>
public sealed record StampedeRun(string System, int Processes, int Callers, long Loads, double P50, double P99, double Max, int Errors);

/// <summary>
/// N processes × M concurrent callers read one key that is in no cache (as right after it expired), all released at
/// once by a Redis publish. The loader takes <c>loadMs</c>; every load is counted in Redis, across processes.
/// </summary>
public static class Stampede
{
    /// <summary>
    /// Stampedes on other keys before the measured one, with the same processes and callers, so the contended paths
    /// (waiting, announcing, taking over) are past their first-call costs in every process, as in a running service.
    /// </summary>
    public const int WarmRounds = 2;

    public static async Task<StampedeRun> RunAsync(string endpoint, string system, int processes, int callers, int loadMs)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var id = Random.Shared.Next(1, 1_000_000); // warm-up rounds use id + 1,000,000 × round
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var redis = connection.GetDatabase();
        var workers = Enumerable.Range(0, processes)
            .Select(index => new WorkerProcess("worker-stampede", system, endpoint, run, id.ToString(), callers.ToString(), loadMs.ToString(), index.ToString()))
            .ToList();
        try
        {
            for (var round = 0; round <= WarmRounds; round++)
            {
                var ready = Stopwatch.StartNew();
                while (await redis.ListLengthAsync($"h:{run}:ready:{round}") < processes)
                {
                    if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
                    {
                        throw new InvalidOperationException("a worker exited before the start: " + await dead.ErrorsAsync());
                    }

                    if (ready.Elapsed > TimeSpan.FromSeconds(120))
                    {
                        throw new TimeoutException("workers were not ready within 120 s");
                    }

                    await Task.Delay(5);
                }

                var receivers = await redis.PublishAsync(RedisChannel.Literal($"h:{run}:go"), round);
                if (receivers < processes)
                {
                    throw new InvalidOperationException($"only {receivers} of {processes} workers heard the start");
                }
            }

            var results = new List<StampedeWorkerResult>();
            foreach (var worker in workers)
            {
                results.Add(await worker.ResultAsync<StampedeWorkerResult>(TimeSpan.FromSeconds(120)));
            }

            var latencies = results.SelectMany(r => r.Latencies).ToArray();
            var errors = results.Sum(r => r.Errors);
            if (results.FirstOrDefault(r => r.FirstError is not null)?.FirstError is { } firstError)
            {
                Console.Error.WriteLine($"  {system}: {errors} calls failed, first: {firstError}");
            }

            var loads = (long)await redis.StringGetAsync("db:loads:" + id);
            return new StampedeRun(system, processes, callers, loads, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), latencies.Max(), errors);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    /// <summary>The worker: builds the system, warms it up, waits for the start, runs the callers, prints JSON.</summary>
    public static async Task<int> WorkerAsync(string[] args)
    {
        var (system, endpoint, run, id, callers, loadMs, index) = (args[0], args[1], args[2], int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5]), int.Parse(args[6]));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var redis = connection.GetDatabase();
        var database = new Database(redis);
        await using var cache = await Systems.CreateAsync(system, endpoint, database);

        // Warm up on keys of this worker's own, as a running service would be: a miss (load and write), a hit in
        // Redis (a value another instance wrote) and an L1 hit, so connections, scripts, serializers and JIT are ready.
        var warmId = 200_000_000 + (id % 1_000_000) * 8 + index;
        await cache.GetAsync(warmId);
        await using (var other = await Systems.CreateAsync(system, endpoint, new Database(redis)))
        {
            await other.GetAsync(warmId + 100_000_000);
        }

        await cache.GetAsync(warmId + 100_000_000);
        await cache.GetAsync(warmId + 100_000_000);
        database.LoadTime = TimeSpan.FromMilliseconds(loadMs);

        var go = Enumerable.Range(0, WarmRounds + 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"h:{run}:go"), (_, round) => go[(int)round].TrySetResult());
        for (var round = 0; round < WarmRounds; round++)
        {
            await redis.ListRightPushAsync($"h:{run}:ready:{round}", index);
            await go[round].Task.WaitAsync(TimeSpan.FromSeconds(120));
            await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => cache.GetAsync(id + 1_000_000 * (round + 1)))));
        }

        await redis.ListRightPushAsync($"h:{run}:ready:{WarmRounds}", index);
        await go[WarmRounds].Task.WaitAsync(TimeSpan.FromSeconds(120));

        var goAt = Stopwatch.GetTimestamp();
        var starts = new double[callers];
        var latencies = new double[callers];
        var errors = 0;
        string? firstError = null;
        var tasks = new Task[callers];
        for (var i = 0; i < callers; i++)
        {
            var caller = i;
            tasks[i] = Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                starts[caller] = Stopwatch.GetElapsedTime(goAt, started).TotalMilliseconds;
                try
                {
                    await cache.GetAsync(id);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
                }

                latencies[caller] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            });
        }

        await Task.WhenAll(tasks);
        if (Environment.GetEnvironmentVariable("HARNESS_DEBUG") is { } debugDir) // a directory: per-process start and end spread
        {
            File.WriteAllText(Path.Combine(debugDir, $"worker-{run}-{index}.txt"), $"go {goAt / (Stopwatch.Frequency / 1000)} starts {starts.Min():F1}..{starts.Max():F1} latency {latencies.Min():F1}..{latencies.Max():F1} ends {starts.Zip(latencies, (a, b) => a + b).Min():F1}..{starts.Zip(latencies, (a, b) => a + b).Max():F1}\n");
        }
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new StampedeWorkerResult(latencies, errors, firstError), Json.Options));
        return 0;
    }
}
