namespace CacheGen.Harness;

/// <summary>Every system in every configuration, repeated; a summary per system and configuration with medians over the runs.</summary>
public sealed record StampedeSummary(string System, int Processes, int Callers, long[] Loads, double P50, double P99, double Max, int Errors);

public static class StampedeSuite
{
    public static async Task<List<StampedeSummary>> RunAsync(string endpoint, Options options)
    {
        var runs = new List<StampedeRun>();
        for (var run = 0; run < options.Runs; run++)
        {
            foreach (var (processes, callers) in options.Configs)
            {
                foreach (var system in options.Systems)
                {
                    var result = await Stampede.RunAsync(endpoint, system, processes, callers, options.LoadMs);
                    runs.Add(result);
                    Console.Error.WriteLine($"stampede {processes}x{callers} {Systems.Display(system),-42} loads {result.Loads,4}  p50 {result.P50,7:F1} ms  p99 {result.P99,7:F1} ms  max {result.Max,7:F1} ms  errors {result.Errors}");
                }
            }
        }

        return runs
            .GroupBy(r => (r.System, r.Processes, r.Callers))
            .Select(g => new StampedeSummary(
                g.Key.System, g.Key.Processes, g.Key.Callers,
                g.Select(r => r.Loads).ToArray(),
                Stats.Median(g.Select(r => r.P50)),
                Stats.Median(g.Select(r => r.P99)),
                Stats.Median(g.Select(r => r.Max)),
                g.Sum(r => r.Errors)))
            .ToList();
    }
}
