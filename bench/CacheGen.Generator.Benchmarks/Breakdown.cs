using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CacheGen.Generator.Benchmarks;

/// <summary>
/// Splits what the generator adds to a build, with every measurement interleaved round by round (so drift of this shared
/// machine hits all of them alike) and a full garbage collection before each, reporting medians.
/// </summary>
/// <remarks>
/// The driver parses generated files lazily (<c>ParseTextLazy</c>): a generator run does not include parsing its output,
/// the compiler does that when it first reads the tree. That parse is therefore reported on its own line: it is a cost the
/// generator puts on the build, but not part of the generator run the benchmark's ratio is about.
/// </remarks>
internal static class Breakdown
{
    public static void Run(bool realisticBodies, int rounds, string? only = null)
    {
        var compilation = SyntheticProject.Create(GeneratorCostBenchmarks.Classes, GeneratorCostBenchmarks.MethodsPerClass, realisticBodies);
        // One tracked run gives both the output and the models; the driver re-run after an edit is untracked, as in a build.
        var tracked = GeneratorCostBenchmarks.NewDriver(track: true).RunGenerators(compilation).GetRunResult();
        var texts = tracked.GeneratedTrees.Select(t => t.GetText().ToString()).ToList();
        var specs = tracked.Results.Single().TrackedSteps[TrackingNames.Decorators].SelectMany(s => s.Outputs).Select(o => (Model.DecoratorSpec)o.Value).ToList();
        var warm = GeneratorCostBenchmarks.NewDriver().RunGenerators(compilation);
        var edit = 0;

        var measures = new (string Name, Func<int> Action)[]
        {
            ("compiler diagnostics", () => compilation.Clone().GetDiagnostics().Length),
            ("generator full run", () => GeneratorCostBenchmarks.NewDriver().RunGenerators(compilation.Clone()).GetRunResult().GeneratedTrees.Length),
            ("after unrelated edit", () => (warm = warm.RunGenerators(SyntheticProject.WithUnrelatedEdit(compilation, ++edit))).GetRunResult().GeneratedTrees.Length),
            ("discovery only", () => GeneratorCostBenchmarks.RunAlone(new AttributeDiscoveryOnlyGenerator(), compilation.Clone())),
            ("signature floor", () => GeneratorCostBenchmarks.RunAlone(new SignatureFloorGenerator(), compilation.Clone())),
            ("models only", () => GeneratorCostBenchmarks.RunAlone(new ModelsOnlyGenerator(), compilation.Clone())),
            ("emit only", () => specs.Sum(s => Emitter.Emit(s).Length)),
            ("parse generated", () => texts.Sum(t => CSharpSyntaxTree.ParseText(t, SyntheticProject.ParseOptions).GetRoot().FullSpan.Length)),
        };

        if (only is not null)
        {
            // One measure alone, as a BenchmarkDotNet process runs it: nothing else runs between its rounds.
            measures = measures.Where(m => m.Name.StartsWith(only, StringComparison.Ordinal)).ToArray();
        }

        var times = measures.Select(_ => new List<double>()).ToArray();
        var cpu = measures.Select(_ => new List<double>()).ToArray();
        var allocated = new long[measures.Length];
        var pauses = measures.Select(_ => new List<double>()).ToArray();
        var collections = new int[measures.Length, 3];
        var faults = measures.Select(_ => new List<double>()).ToArray();
        var process = Process.GetCurrentProcess();
        const int warmUp = 3;
        for (var round = 0; round < rounds + warmUp; round++)
        {
            for (var i = 0; i < measures.Length; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var pauseBefore = GC.GetTotalPauseDuration();
                var gen0 = GC.CollectionCount(0);
                var gen1 = GC.CollectionCount(1);
                var gen2 = GC.CollectionCount(2);
                var faultsBefore = MinorPageFaults();
                var stopwatch = Stopwatch.StartNew();
                measures[i].Action();
                var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                allocated[i] = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                process.Refresh();
                if (round >= warmUp)
                {
                    pauses[i].Add((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
                    collections[i, 0] += GC.CollectionCount(0) - gen0;
                    collections[i, 1] += GC.CollectionCount(1) - gen1;
                    collections[i, 2] += GC.CollectionCount(2) - gen2;
                    times[i].Add(elapsed);
                    faults[i].Add(MinorPageFaults() - faultsBefore);
                    cpu[i].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }
        }

        if (only is not null)
        {
            foreach (var (series, i) in times.Select((t, i) => (t, i)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{measures[i].Name}, round by round: {string.Join(" ", series.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}"));
            }
        }

        var medians = times.Select(Median).ToArray();
        var cpuMedians = cpu.Select(Median).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bodies: {(realisticBodies ? "typical" : "one-line")}; generated: {texts.Count} files, {texts.Sum(t => t.Length):N0} chars; medians of {rounds} interleaved rounds"));
        for (var i = 0; i < measures.Length; i++)
        {
            var ratio = i == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"  ratio {medians[i] / medians[0]:F3} (CPU {cpuMedians[i] / cpuMedians[0]:F3})");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{measures[i].Name,-22}{medians[i],7:F0} ms (quartiles {Quantile(times[i], 0.25),5:F0}-{Quantile(times[i], 0.75),5:F0}), CPU {cpuMedians[i],6:F0} ms, {allocated[i] / 1048576.0,5:F1} MB on this thread, GC pause {Median(pauses[i]),4:F0} ms ({(double)collections[i, 0] / rounds:F1}/{(double)collections[i, 1] / rounds:F1}/{(double)collections[i, 2] / rounds:F1} gen0/1/2 per run), {Median(faults[i]),6:F0} page faults{ratio}"));
        }
    }

    // Minor page faults of this process so far (Linux): memory touched for the first time since the GC last released it.
    private static double MinorPageFaults()
    {
        try
        {
            var stat = System.IO.File.ReadAllText("/proc/self/stat");
            var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
            return double.Parse(fields[7], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))];
    }
}
