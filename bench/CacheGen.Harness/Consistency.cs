using System.Diagnostics;
using StackExchange.Redis;

namespace CacheGen.Harness;

/// <summary>The stale-set race of one system: how often an old version outlived the write that replaced it.</summary>
/// <param name="PoisonedShared">Trials after which an instance that had never read the row got the old version (the shared cache held it).</param>
/// <param name="StaleReaderL1">Trials after which the racing reader itself still served the old version 50 ms after the write returned.</param>
/// <param name="Schedules">Trials per schedule: write before the read, inside the load, right after the load, after the read.</param>
/// <param name="PoisonedBySchedule">Trials poisoned in either way, per schedule.</param>
public sealed record RaceSummary(string System, int Trials, int PoisonedShared, int StaleReaderL1, int[] Schedules, int[] PoisonedBySchedule);

/// <summary>
/// How long after one process wrote and invalidated, another process's L1 stopped answering with the old version
/// (<c>P50</c>/<c>P99</c>/<c>Max</c>: its first read that was not an L1 hit), and how long until that process served the
/// new version (<c>FreshP50</c>/<c>FreshP99</c>: that includes its own reload from Redis and the database).
/// </summary>
public sealed record L1DelaySummary(string System, int Trials, int Seen, double P50, double P99, double Max, double FreshP50, double FreshP99, string? Note);

public sealed class ConsistencySummary
{
    public List<RaceSummary> Races { get; set; } = [];

    public List<L1DelaySummary> L1Delays { get; set; } = [];
}

/// <summary>
/// The consistency harness. (1) The stale-set race: a reader misses and loads version 1; a writer (another instance)
/// writes version 2 and invalidates; the schedule — write before the read, while the load is in flight (gated), right
/// after the load returned (a random 0–300 µs later), or after the read — is drawn at random for each trial. (2) The
/// delay until another process's L1 drops an invalidated value.
/// </summary>
public static class Consistency
{
    private static readonly string[] ScheduleNames = ["write before read", "write during load", "write right after load", "write after read"];

    public static async Task<ConsistencySummary> RunAsync(string endpoint, Options options)
    {
        var summary = new ConsistencySummary();
        foreach (var system in options.Systems)
        {
            var race = await RaceAsync(endpoint, system, options.Trials);
            summary.Races.Add(race);
            Console.Error.WriteLine($"race   {Systems.Display(system),-42} poisoned (shared) {race.PoisonedShared}/{race.Trials}, reader stale {race.StaleReaderL1}/{race.Trials}; " +
                string.Join(", ", race.Schedules.Select((n, i) => $"{ScheduleNames[i]} {race.PoisonedBySchedule[i]}/{n}")));
        }

        foreach (var system in options.Systems)
        {
            var delay = await L1DelayAsync(endpoint, system, options.L1Trials);
            summary.L1Delays.Add(delay);
            Console.Error.WriteLine($"L1     {Systems.Display(system),-42} dropped in {delay.Seen}/{delay.Trials}: p50 {delay.P50:F2} ms, p99 {delay.P99:F2} ms, max {delay.Max:F2} ms; new version served p50 {delay.FreshP50:F2} ms, p99 {delay.FreshP99:F2} ms {delay.Note}");
        }

        return summary;
    }

    public static async Task<RaceSummary> RaceAsync(string endpoint, string system, int trials)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var redis = connection.GetDatabase();
        var readerDb = new Database(redis);
        var writerDb = new Database(redis);
        var checkerDb = new Database(redis);
        await using var reader = await Systems.CreateAsync(system, endpoint, readerDb);
        await using var writer = await Systems.CreateAsync(system, endpoint, writerDb);
        await using var checker = await Systems.CreateAsync(system, endpoint, checkerDb);
        var random = new Random(20261126);
        var baseId = 10_000_000 + Random.Shared.Next(0, 1_000) * 10_000;
        foreach (var instance in new[] { reader, writer, checker })
        {
            await instance.GetAsync(baseId - 1);
        }

        var schedules = new int[4];
        var poisonedBySchedule = new int[4];
        int poisonedShared = 0, staleReader = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var id = baseId + trial;
            await redis.StringSetAsync("db:row:" + id, 1);
            var schedule = random.Next(4);
            var spin = TimeSpan.FromMicroseconds(random.Next(0, 300));
            var readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            readerDb.AfterRead = row =>
            {
                if (row.Id != id)
                {
                    return Task.CompletedTask;
                }

                readDone.TrySetResult();
                return release.Task;
            };

            switch (schedule)
            {
                case 0:
                    await writer.WriteAndInvalidateAsync(id);
                    release.SetResult();
                    await reader.GetAsync(id);
                    break;
                case 1:
                {
                    var read = reader.GetAsync(id);
                    await readDone.Task;
                    await writer.WriteAndInvalidateAsync(id);
                    release.SetResult();
                    await read;
                    break;
                }

                case 2:
                {
                    var read = reader.GetAsync(id);
                    await readDone.Task;
                    release.SetResult();
                    SpinFor(spin);
                    await writer.WriteAndInvalidateAsync(id);
                    await read;
                    break;
                }

                default:
                    release.SetResult();
                    await reader.GetAsync(id);
                    await writer.WriteAndInvalidateAsync(id);
                    break;
            }

            readerDb.AfterRead = null;
            var current = await readerDb.VersionAsync(id);
            var readerFresh = await ServesAsync(reader, id, current, TimeSpan.FromMilliseconds(50));
            var sharedFresh = (await checker.GetAsync(id)).Version == current;
            schedules[schedule]++;
            staleReader += readerFresh ? 0 : 1;
            poisonedShared += sharedFresh ? 0 : 1;
            poisonedBySchedule[schedule] += readerFresh && sharedFresh ? 0 : 1;
        }

        return new RaceSummary(system, trials, poisonedShared, staleReader, schedules, poisonedBySchedule);
    }

    private static async Task<bool> ServesAsync(ICacheSystem cache, int id, long version, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if ((await cache.GetAsync(id)).Version == version)
            {
                return true;
            }

            if (clock.Elapsed > within)
            {
                return false;
            }

            await Task.Delay(1);
        }
    }

    private static void SpinFor(TimeSpan time)
    {
        var until = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }
    }

    public static async Task<L1DelaySummary> L1DelayAsync(string endpoint, string system, int trials)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var redis = connection.GetDatabase();
        var database = new Database(redis);
        await using var cache = await Systems.CreateAsync(system, endpoint, database);
        if (!cache.HasL1)
        {
            return new L1DelaySummary(system, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, "no L1");
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var baseId = 20_000_000 + Random.Shared.Next(0, 1_000) * 10_000;
        var replies = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var subscriber = connection.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal($"h:{run}:reply"), (_, message) => replies.Writer.TryWrite(message!));
        using var watcher = new WorkerProcess("worker-l1", system, endpoint, run);
        await cache.GetAsync(baseId - 1);
        var hello = await replies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(120));
        if (hello != "ready")
        {
            throw new InvalidOperationException("unexpected reply from the L1 watcher: " + hello);
        }

        var delays = new List<double>();
        var fresh = new List<double>();
        var attempted = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var id = baseId + trial;
            await redis.StringSetAsync("db:row:" + id, 1);
            await subscriber.PublishAsync(RedisChannel.Literal($"h:{run}:arm"), id);
            var armed = await replies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (armed != "armed " + id)
            {
                throw new InvalidOperationException("unexpected reply from the L1 watcher: " + armed);
            }

            await Task.Delay(2); // let the watcher's own load settle (a backplane may announce it) before the write
            attempted++;
            var written = Stopwatch.GetTimestamp();
            await cache.WriteAndInvalidateAsync(id);
            var seen = await replies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (seen.StartsWith("seen ", StringComparison.Ordinal))
            {
                var parts = seen.Split(' ');
                fresh.Add(Stopwatch.GetElapsedTime(written, long.Parse(parts[2])).TotalMilliseconds);
                delays.Add(Stopwatch.GetElapsedTime(written, long.Parse(parts[3])).TotalMilliseconds);
            }
            else if (trial >= 4 && delays.Count == 0)
            {
                break; // never delivered: no need to wait out every trial
            }
        }

        await subscriber.PublishAsync(RedisChannel.Literal($"h:{run}:arm"), "stop");
        await watcher.ResultAsync<string>(TimeSpan.FromSeconds(30));
        var note = delays.Count < attempted ? $"{attempted - delays.Count} of {attempted} never seen within 1 s" : null;
        return new L1DelaySummary(
            system, attempted, delays.Count,
            Stats.Percentile(delays, 50), Stats.Percentile(delays, 99), delays.Count > 0 ? delays.Max() : double.NaN,
            Stats.Percentile(fresh, 50), Stats.Percentile(fresh, 99), note);
    }

    /// <summary>The other process: fills its L1 with version 1 when armed, then reads until it serves version 2.</summary>
    public static async Task<int> L1WorkerAsync(string[] args)
    {
        var (system, endpoint, run) = (args[0], args[1], args[2]);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var redis = connection.GetDatabase();
        var database = new Database(redis);
        await using var cache = await Systems.CreateAsync(system, endpoint, database);
        await cache.GetAsync(-7);
        await cache.GetAsync(-7);
        var subscriber = connection.GetSubscriber();
        var commands = System.Threading.Channels.Channel.CreateUnbounded<string>();
        await subscriber.SubscribeAsync(RedisChannel.Literal($"h:{run}:arm"), (_, message) => commands.Writer.TryWrite(message!));
        var reply = RedisChannel.Literal($"h:{run}:reply");
        await subscriber.PublishAsync(reply, "ready");
        await foreach (var command in commands.Reader.ReadAllAsync())
        {
            if (command == "stop")
            {
                break;
            }

            var id = int.Parse(command);
            var first = await cache.GetAsync(id);
            if (first.Version != 1)
            {
                throw new InvalidOperationException($"armed row {id} read version {first.Version}, not 1");
            }

            var seen = new TaskCompletionSource<long>();
            long dropped = 0;
            var thread = new Thread(() =>
            {
                var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    // The first read that is not answered at once with version 1 is the first one L1 did not serve.
                    var readAt = Stopwatch.GetTimestamp();
                    var read = cache.GetAsync(id);
                    if (dropped == 0 && (!read.IsCompleted || read.Result.Version != 1))
                    {
                        dropped = readAt;
                    }

                    if (read.GetAwaiter().GetResult().Version != 1)
                    {
                        seen.SetResult(Stopwatch.GetTimestamp());
                        return;
                    }

                    // Poll about every millisecond rather than spin: on a small machine a spinning reader would take
                    // the core that the invalidation itself needs. The delay is over-stated by up to one period.
                    Thread.Sleep(1);
                }

                seen.SetResult(0);
            }) { IsBackground = true };
            thread.Start();
            await subscriber.PublishAsync(reply, "armed " + id);
            var at = await seen.Task;
            await subscriber.PublishAsync(reply, at == 0 ? "timeout " + id : $"seen {id} {at} {dropped}");
        }

        Console.WriteLine("\"done\"");
        return 0;
    }
}
