using CacheGen.Benchmarks;
using CacheGen.Harness;

// Multi-process stampede and consistency harnesses (see docs/benchmarks.md).
//   stampede     [--runs 5] [--systems cachegen,seed] [--configs 1x500,4x125] [--load-ms 100]
//   consistency  [--trials 1000] [--l1-trials 200] [--systems ...]
//   redis-hit    CacheGen's Redis hit against hand-written cache-aside, interleaved rounds, median ratio
//   all          [--out bench/results] [--bdn <BenchmarkDotNet report csv>] ...   all three, plus results.json, report.md and chart.png
//   report       [--out dir] [--bdn csv]       re-renders report.md and chart.png from dir/results.json
//   soak         [--instances 3] [--minutes 10] [--rows 64] [--loops 16]   reads after acknowledged writes, several processes
//   fence        [--trials 100]                 a 300 ms load, a write acknowledged at 50 ms, a new caller at 70 ms
//   faults       [--scenario all|sigstop|kill-empty|kill-snapshot|partition|wrongtype] [--instances 3] [--loops 8]
//                redis-server paused, killed, cut off from one instance, or damaged at two keys, under load
// Each starts Debian's redis-server on a free loopback port (or uses --redis host:port) and stops it at the end.

var command = args.FirstOrDefault() ?? "all";
if (command.StartsWith("worker-", StringComparison.Ordinal))
{
    return command switch
    {
        "worker-stampede" => await Stampede.WorkerAsync(args[1..]),
        "worker-l1" => await Consistency.L1WorkerAsync(args[1..]),
        "worker-soak" => await Soak.WorkerAsync(args[1..]),
        "worker-faults" => await Faults.WorkerAsync(args[1..]),
        _ => throw new ArgumentException("unknown worker " + command),
    };
}

var options = Options.Parse(args.Skip(1).ToArray());
if (command == "report")
{
    // Re-renders report.md and chart.png from the results.json of an earlier run in --out.
    var saved = System.Text.Json.JsonSerializer.Deserialize<HarnessResults>(File.ReadAllText(Path.Combine(options.Out, "results.json")), Json.Options)!;
    Report.Write(saved, options);
    return 0;
}

if (command == "faults")
{
    // Starts its own two redis-server processes: the cache's, which it faults, and the rows'.
    var scenarios = options.Scenario == "all" ? Faults.Scenarios : options.Scenario.Split(',');
    var faults = new List<FaultResult>();
    foreach (var scenario in scenarios)
    {
        faults.Add(await Faults.RunAsync(scenario, options.Instances, options.Loops == 16 ? 8 : options.Loops));
    }

    Directory.CreateDirectory(options.Out);
    await File.WriteAllTextAsync(Path.Combine(options.Out, "faults.json"), System.Text.Json.JsonSerializer.Serialize(faults, Json.Options));
    var violations = faults.SelectMany(f => f.Violations()).ToList();
    foreach (var violation in violations)
    {
        Console.Error.WriteLine("faults: VIOLATED " + violation);
    }

    return violations.Count == 0 ? 0 : 1;
}

using var server = options.Redis is null ? new RedisProcess() : null;
var endpoint = options.Redis ?? server!.Endpoint;
Console.Error.WriteLine($"redis: {endpoint}{(server is null ? string.Empty : " (started by the harness)")}");

if (command == "soak")
{
    var soak = await Soak.RunAsync(endpoint, options.Instances, TimeSpan.FromMinutes(options.Minutes), options.Rows, options.Loops);
    Directory.CreateDirectory(options.Out);
    await File.WriteAllTextAsync(Path.Combine(options.Out, "soak.json"), System.Text.Json.JsonSerializer.Serialize(soak, Json.Options));
    return soak.StaleReads == 0 && soak.StaleEntriesAfterQuiescence == 0 ? 0 : 1;
}

if (command == "fence")
{
    var fence = await Fence.RunAsync(endpoint, options.Trials);
    Directory.CreateDirectory(options.Out);
    await File.WriteAllTextAsync(Path.Combine(options.Out, "fence.json"), System.Text.Json.JsonSerializer.Serialize(fence, Json.Options));
    return fence.All(f => f.Fresh == f.Trials) ? 0 : 1;
}

var results = new HarnessResults { Date = DateTimeOffset.UtcNow, Machine = Machine.Describe() };
if (command is "stampede" or "all")
{
    results.Stampede = await StampedeSuite.RunAsync(endpoint, options);
}

if (command is "redis-hit" or "all")
{
    var hit = await RedisHit.RunAsync(endpoint);
    results.RedisHit = hit;
    Console.Error.WriteLine($"redis hit: CacheGen {hit.CacheGenMedianUs:F1} µs, hand-written {hit.HandWrittenMedianUs:F1} µs, ratio {hit.Ratio:F3} (p25 {hit.RatioP25:F3}, p75 {hit.RatioP75:F3}) over {hit.Rounds} rounds");
}

if (command is "consistency" or "all")
{
    results.Consistency = await Consistency.RunAsync(endpoint, options);
}

if (command is not ("stampede" or "consistency" or "redis-hit" or "all"))
{
    Console.Error.WriteLine($"unknown command '{command}': use stampede, consistency, redis-hit or all");
    return 2;
}

Report.Write(results, options);
return 0;
