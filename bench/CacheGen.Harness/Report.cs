using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CacheGen.Harness;

/// <summary>Everything one harness run measured, written to <c>results.json</c>.</summary>
public sealed class HarnessResults
{
    public DateTimeOffset Date { get; set; }

    public string Machine { get; set; } = string.Empty;

    public List<StampedeSummary>? Stampede { get; set; }

    public ConsistencySummary? Consistency { get; set; }

    public RedisHitSummary? RedisHit { get; set; }
}

public static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}

/// <summary>Writes results.json, report.md (the tables of docs/benchmarks.md) and chart.png.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Indented = new(Json.Options) { WriteIndented = true };

    public static void Write(HarnessResults results, Options options)
    {
        Directory.CreateDirectory(options.Out);
        File.WriteAllText(Path.Combine(options.Out, "results.json"), JsonSerializer.Serialize(results, Indented));
        var markdown = Markdown(results, options);
        File.WriteAllText(Path.Combine(options.Out, "report.md"), markdown);
        Console.WriteLine(markdown);
        var hits = options.BenchmarkDotNetReport is { } csv && File.Exists(csv) ? BenchmarkDotNetCsv.Read(csv) : [];
        Chart.Write(Path.Combine(options.Out, "chart.png"), hits, results.Stampede ?? []);
        Console.Error.WriteLine($"wrote {options.Out}/results.json, report.md, chart.png");
    }

    private static string Markdown(HarnessResults results, Options options)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Harness run {results.Date:yyyy-MM-dd HH:mm} UTC on {results.Machine}.");
        text.AppendLine();
        if (results.Stampede is { Count: > 0 } stampede)
        {
            text.AppendLine(c, $"Stampede: loader {options.LoadMs} ms, {options.Runs} runs per row; loads of each run, and medians over the runs of each run's p50/p99/max caller latency.");
            text.AppendLine();
            text.AppendLine("| processes × callers | system | loads per run | p50 | p99 | max | failed calls |");
            text.AppendLine("|---|---|---|---:|---:|---:|---:|");
            foreach (var row in stampede)
            {
                text.AppendLine(c, $"| {row.Processes} × {row.Callers} | {Systems.Display(row.System)} | {string.Join(", ", row.Loads)} | {row.P50:F1} ms | {row.P99:F1} ms | {row.Max:F1} ms | {row.Errors} |");
            }

            text.AppendLine();
        }

        if (results.RedisHit is { } hit)
        {
            text.AppendLine(c, $"Redis hit, L1 off, {hit.Rounds} interleaved rounds of {hit.CallsPerRound:N0} sequential calls: CacheGen {hit.CacheGenMedianUs:F1} µs, hand-written cache-aside {hit.HandWrittenMedianUs:F1} µs (medians); **ratio {hit.Ratio:F3}** (median of per-round ratios; quartiles {hit.RatioP25:F3}–{hit.RatioP75:F3}).");
            text.AppendLine();
        }

        if (results.Consistency is { } consistency)
        {
            text.AppendLine("Stale-set race (reader, writer and checker are separate instances with their own connections; schedules drawn at random):");
            text.AppendLine();
            text.AppendLine("| system | trials | shared cache poisoned | reader still stale 50 ms after the write | poisoned: before / during / right after / after the load |");
            text.AppendLine("|---|---:|---:|---:|---|");
            foreach (var race in consistency.Races)
            {
                text.AppendLine(c, $"| {Systems.Display(race.System)} | {race.Trials} | {race.PoisonedShared} | {race.StaleReaderL1} | {string.Join(" / ", race.Schedules.Select((n, i) => $"{race.PoisonedBySchedule[i]} of {n}"))} |");
            }

            text.AppendLine();
            text.AppendLine("Delay until another process's L1 stops serving an invalidated value (loopback):");
            text.AppendLine();
            text.AppendLine("| system | trials | L1 dropped | p50 | p99 | max | new version served, p50 / p99 | note |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
            foreach (var delay in consistency.L1Delays)
            {
                text.AppendLine(c, $"| {Systems.Display(delay.System)} | {delay.Trials} | {delay.Seen} | {Ms(delay.P50)} | {Ms(delay.P99)} | {Ms(delay.Max)} | {Ms(delay.FreshP50)} / {Ms(delay.FreshP99)} | {delay.Note} |");
            }
        }

        return text.ToString();

        static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture) + " ms";
    }
}
