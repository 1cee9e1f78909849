using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Generator.Benchmarks;

/// <summary>
/// What CacheGen's analyzers add to a build of the synthetic project: per round, on a fresh copy of the compilation, the
/// compiler's own diagnostics on the compilation the analyzers then see (as in a build, symbols and declarations are
/// bound once for both), then every analyzer, with the driver's per-analyzer execution time. Medians of the rounds.
/// </summary>
internal static class AnalyzerCost
{
    public static void Run(bool realisticBodies, bool withDataAccess, int rounds)
    {
        var compilation = SyntheticProject.Create(GeneratorCostBenchmarks.Classes, GeneratorCostBenchmarks.MethodsPerClass, realisticBodies);
        if (withDataAccess)
        {
            // EF Core, Dapper and StackExchange.Redis referenced, as in a typical service: every rule is active.
            compilation = compilation.AddReferences(
                MetadataReference.CreateFromFile(typeof(StackExchange.Redis.IDatabase).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.RelationalQueryableExtensions).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Dapper.SqlMapper).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache).Assembly.Location));
        }

        var analyzers = typeof(CacheGen.Analyzers.Rules.UnknownPlaceholderAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        const int warmUp = 3;
        var compiler = new List<double>();
        var analysis = new List<double>();
        var perAnalyzer = new Dictionary<string, List<double>>();
        for (var round = 0; round < rounds + warmUp; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var withAnalyzers = compilation.Clone().WithAnalyzers(
                analyzers,
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var watch = Stopwatch.StartNew();
            var errors = withAnalyzers.Compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            var compiled = watch.Elapsed.TotalMilliseconds;
            if (errors > 0)
            {
                throw new InvalidOperationException("the synthetic project does not compile");
            }

            var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (round < warmUp)
            {
                continue;
            }

            compiler.Add(compiled);
            analysis.Add(result.AnalyzerTelemetryInfo.Values.Sum(i => i.ExecutionTime.TotalMilliseconds));
            foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
            {
                var name = analyzer.GetType().Name;
                if (!perAnalyzer.TryGetValue(name, out var list))
                {
                    perAnalyzer[name] = list = [];
                }

                list.Add(info.ExecutionTime.TotalMilliseconds);
            }
        }

        static double Median(List<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var ratios = compiler.Zip(analysis, (c, a) => a / c).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{GeneratorCostBenchmarks.Classes} classes, realistic bodies {realisticBodies}, data access referenced {withDataAccess}, {rounds} rounds (medians)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compiler {Median(compiler):F0} ms, analyzers {Median(analysis):F0} ms, analyzers / compiler {100 * Median(ratios):F1} % (per-round ratios {100 * ratios.Min():F1}–{100 * ratios.Max():F1} %)"));
        Console.WriteLine("slowest analyzers: " + string.Join(", ", perAnalyzer.OrderByDescending(p => Median(p.Value)).Take(5)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {Median(p.Value):F1} ms"))));
    }
}
