using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace CacheGen.Analyzers.Tests;

/// <summary>
/// The analyzers on real code from public repositories (<c>FieldCorpus/</c>, see its README): every diagnostic must be
/// judged by a label, and precision and recall per rule are printed with the analyzers' share of the compile time.
/// </summary>
public sealed class FieldCorpusTests(ITestOutputHelper output)
{
    private const int LineTolerance = 3;

    // CACHEGEN_FIELD_CORPUS_ROUNDS=<n> times n rounds instead of three (to attach a profiler to a longer run).
    private static readonly int TimingRounds = int.Parse(Environment.GetEnvironmentVariable("CACHEGEN_FIELD_CORPUS_ROUNDS") ?? "3", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_diagnostic_on_the_field_corpus_is_judged_and_no_analyzer_throws()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "FieldCorpus");
        var folders = Directory.Exists(root) ? Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToList() : [];

        // CACHEGEN_FIELD_CORPUS=<folder> runs one repository and prints its compiler errors, to see what does not bind.
        var only = Environment.GetEnvironmentVariable("CACHEGEN_FIELD_CORPUS");
        if (!string.IsNullOrEmpty(only))
        {
            folders = folders.Where(f => Path.GetFileName(f) == only).ToList();
        }
        var analyzers = typeof(CacheGen.Analyzers.Rules.UnknownPlaceholderAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            // CACHEGEN_FIELD_CORPUS_ANALYZER=<type name> runs one analyzer alone (its own cost; other rules' sites then count as missed).
            .Where(t => Environment.GetEnvironmentVariable("CACHEGEN_FIELD_CORPUS_ANALYZER") is not { } one || t.Name == one)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        var counts = new SortedDictionary<string, Counts>(StringComparer.Ordinal);
        var unjudged = new List<string>();
        var exceptions = new List<string>();
        int files = 0, sites = 0;
        var compilerTime = TimeSpan.Zero;
        var analyzerTime = TimeSpan.Zero;
        var perAnalyzer = new Dictionary<string, TimeSpan>();
        var roundPerAnalyzer = new Dictionary<string, TimeSpan>();

        foreach (var folder in folders)
        {
            var repository = Path.GetFileName(folder);
            Assert.True(File.Exists(Path.Combine(folder, "origin.json")) && File.Exists(Path.Combine(folder, "LICENSE")), $"{repository} needs origin.json and LICENSE");
            var labels = ReadLabels(Path.Combine(folder, "labels.json"));
            sites += labels.Count;
            var sourceRoot = Path.Combine(folder, "files");
            var trees = Directory.GetFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => CSharpSyntaxTree.ParseText(
                    File.ReadAllText(path),
                    new CSharpParseOptions(LanguageVersion.Latest),
                    path: Path.GetRelativePath(sourceRoot, path).Replace('\\', '/')))
                .ToList();
            files += trees.Count;
            var matched = new HashSet<Label>();

            // Files of the repository's test projects are compiled as one, with a test framework referenced, as their
            // project would be; the rest as another.
            foreach (var group in trees.GroupBy(t => IsTestFile(t.FilePath)))
            {
                var references = group.Key ? FieldReferences.Append(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)) : FieldReferences;
                var compilation = CSharpCompilation.Create(
                    repository + (group.Key ? ".Tests" : string.Empty),
                    group.Append(ImplicitUsings),
                    references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

                // Types from the rest of the repository stay unresolved, as in a partial checkout: the analyzers must cope.
                // Timing: the compiler's own work on the compilation the analyzers then see, as in a build (symbols,
                // attributes and declarations are bound once for both; method bodies the analyzers look at are bound
                // again for them, and that counts as their time). Machines here are shared: the least of three rounds.
                AnalysisResult? result = null;
                var roundCompiler = TimeSpan.MaxValue;
                var roundAnalyzers = TimeSpan.MaxValue;
                for (var round = 0; round < TimingRounds; round++)
                {
                    var options = new CompilationWithAnalyzersOptions(
                        new AnalyzerOptions([]),
                        onAnalyzerException: (ex, analyzer, _) => exceptions.Add($"{repository}: {analyzer.GetType().Name} threw {ex.GetType().Name}: {ex.Message}"),
                        concurrentAnalysis: false,
                        logAnalyzerExecutionTime: true);
                    var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
                    var watch = Stopwatch.StartNew();
                    var compilerDiagnostics = withAnalyzers.Compilation.GetDiagnostics();
                    var compiled = watch.Elapsed;
                    if (round == 0 && !string.IsNullOrEmpty(only))
                    {
                        foreach (var error in compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(60))
                        {
                            output.WriteLine($"compiler: {error}");
                        }
                    }

                    var analysis = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
                    result ??= analysis;
                    var analyzed = analysis.AnalyzerTelemetryInfo.Values.Aggregate(TimeSpan.Zero, (sum, info) => sum + info.ExecutionTime);
                    roundCompiler = compiled < roundCompiler ? compiled : roundCompiler;
                    if (analyzed < roundAnalyzers)
                    {
                        roundAnalyzers = analyzed;
                        foreach (var (analyzer, info) in analysis.AnalyzerTelemetryInfo)
                        {
                            roundPerAnalyzer[analyzer.GetType().Name] = info.ExecutionTime;
                        }
                    }
                }

                compilerTime += roundCompiler;
                analyzerTime += roundAnalyzers;
                foreach (var (name, time) in roundPerAnalyzer)
                {
                    perAnalyzer[name] = perAnalyzer.GetValueOrDefault(name) + time;
                }

                roundPerAnalyzer.Clear();

                var diagnostics = result!.GetAllDiagnostics()
                    .Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal) && d.Location.IsInSource)
                    .Select(d => (Rule: d.Id, File: d.Location.SourceTree!.FilePath, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Message: d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                    .ToList();
                foreach (var diagnostic in diagnostics)
                {
                    var label = labels
                        .Where(l => l.Rule == diagnostic.Rule && l.File == diagnostic.File && Math.Abs(l.Line - diagnostic.Line) <= LineTolerance)
                        .OrderBy(l => Math.Abs(l.Line - diagnostic.Line))
                        .FirstOrDefault();
                    var count = counts.TryGetValue(diagnostic.Rule, out var c) ? c : new Counts();
                    switch (label?.Verdict)
                    {
                        case "problem":
                            count.TruePositives++;
                            matched.Add(label);
                            break;
                        case "quiet":
                            count.FalsePositives++;
                            matched.Add(label);
                            output.WriteLine($"false positive: {repository}/{diagnostic.File}:{diagnostic.Line} {diagnostic.Rule} — {label.Why}");
                            break;
                        case "ambiguous":
                            count.Ambiguous++;
                            matched.Add(label);
                            break;
                        default:
                            unjudged.Add($"{repository}/{diagnostic.File}:{diagnostic.Line} {diagnostic.Rule}: {diagnostic.Message}");
                            break;
                    }

                    counts[diagnostic.Rule] = count;
                }

            }

            foreach (var missed in labels.Where(l => l.Verdict == "problem" && !matched.Contains(l)))
            {
                var count = counts.TryGetValue(missed.Rule, out var c) ? c : new Counts();
                count.FalseNegatives++;
                counts[missed.Rule] = count;
                output.WriteLine($"missed: {repository}/{missed.File}:{missed.Line} {missed.Rule}");
            }
        }

        output.WriteLine($"field corpus: {folders.Count} repositories, {files} files, {sites} labelled sites");
        output.WriteLine("| rule | reported, judged a problem | reported, should be quiet | missed problems | precision | recall |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        var total = new Counts();
        foreach (var (rule, c) in counts)
        {
            output.WriteLine($"| {rule} | {c.TruePositives} | {c.FalsePositives} | {c.FalseNegatives} | {Percent(c.TruePositives, c.TruePositives + c.FalsePositives)} | {Percent(c.TruePositives, c.TruePositives + c.FalseNegatives)} |");
            total.TruePositives += c.TruePositives;
            total.FalsePositives += c.FalsePositives;
            total.FalseNegatives += c.FalseNegatives;
        }

        output.WriteLine($"| all | {total.TruePositives} | {total.FalsePositives} | {total.FalseNegatives} | {Percent(total.TruePositives, total.TruePositives + total.FalsePositives)} | {Percent(total.TruePositives, total.TruePositives + total.FalseNegatives)} |");
        output.WriteLine($"compiler {compilerTime.TotalMilliseconds:F0} ms, analyzers {analyzerTime.TotalMilliseconds:F0} ms ({Percent(analyzerTime.Ticks, compilerTime.Ticks)} of the compiler's time)");
        output.WriteLine("slowest analyzers: " + string.Join(", ", perAnalyzer.OrderByDescending(p => p.Value).Take(5).Select(p => $"{p.Key} {p.Value.TotalMilliseconds:F0} ms")));

        Assert.Empty(exceptions);
        Assert.True(unjudged.Count == 0, "diagnostics no label judges (label them by reading the code):\n" + string.Join("\n", unjudged));
    }

    /// <summary>
    /// What the corpus's projects compile against: the tests' references (EF Core, Dapper, StackExchange.Redis, the cache
    /// abstractions, HybridCache, FusionCache), and the logging, configuration and SQL Server assemblies web projects reference.
    /// </summary>
    private static readonly IReadOnlyList<MetadataReference> FieldReferences =
    [
        .. TestReferences.All,
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Options.IOptions<>).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Primitives.StringValues).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Data.SqlClient.SqlConnection).Assembly.Location),
    ];

    /// <summary>
    /// The global usings the .NET SDK adds to a project with <c>ImplicitUsings</c> (the default of every template since
    /// .NET 6): without them most modern files do not bind at all.
    /// </summary>
    private static readonly SyntaxTree ImplicitUsings = CSharpSyntaxTree.ParseText(
        """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """,
        new CSharpParseOptions(LanguageVersion.Latest),
        path: "ImplicitUsings.g.cs");

    /// <summary>A file of a test project: a path segment named test(s) or ending in .Tests, .UnitTests, … .</summary>
    private static bool IsTestFile(string path) =>
        path.Split('/').SkipLast(1).Any(segment =>
            segment.Equals("test", StringComparison.OrdinalIgnoreCase) || segment.Equals("tests", StringComparison.OrdinalIgnoreCase)
            || segment.EndsWith("Tests", StringComparison.OrdinalIgnoreCase) || segment.EndsWith(".Test", StringComparison.OrdinalIgnoreCase));

    private static string Percent(long part, long whole) => whole == 0 ? "—" : $"{100.0 * part / whole:F0} %";

    private static List<Label> ReadLabels(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("sites").EnumerateArray()
            .Select(site => new Label(
                site.GetProperty("file").GetString()!.Replace('\\', '/'),
                site.GetProperty("line").GetInt32(),
                site.GetProperty("rule").GetString()!,
                site.GetProperty("verdict").GetString()!,
                site.TryGetProperty("why", out var why) ? why.GetString() ?? string.Empty : string.Empty))
            .ToList();
    }

    private sealed record Label(string File, int Line, string Rule, string Verdict, string Why);

    private sealed class Counts
    {
        public int TruePositives { get; set; }

        public int FalsePositives { get; set; }

        public int FalseNegatives { get; set; }

        public int Ambiguous { get; set; }
    }
}
