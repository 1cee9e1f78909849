using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace CacheGen.Analyzers.Tests;

/// <summary>
/// Realistic files in the common styles of EF Core, Dapper and StackExchange.Redis code, correct and incorrect, each
/// listing the diagnostics it must produce with a trailing <c>// expect: CG1003</c> comment on the line where the
/// diagnostic starts. Every analyzer runs over every file; any difference fails, and precision and recall per rule are
/// printed.
/// </summary>
public sealed partial class PrecisionCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_corpus_file_produces_exactly_its_expected_diagnostics()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Corpus");
        var files = Directory.GetFiles(folder, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToList();
        // CACHEGEN_CORPUS_MIN lowers the bar while a corpus is being written; the suite's bar is 40 files.
        var minimum = int.TryParse(Environment.GetEnvironmentVariable("CACHEGEN_CORPUS_MIN"), out var m) ? m : 40;
        Assert.True(files.Count >= minimum, $"the corpus has {files.Count} files; it needs at least {minimum}");

        var analyzers = typeof(CacheGen.Analyzers.Rules.UnknownPlaceholderAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var counts = new SortedDictionary<string, (int TruePositive, int FalsePositive, int FalseNegative)>(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            var name = Path.GetFileName(file);
            var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: name);
            var compilation = CSharpCompilation.Create(
                Path.GetFileNameWithoutExtension(file),
                [tree],
                TestReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                problems.Add($"{name} does not compile: {string.Join("; ", errors.Take(3))}");
                continue;
            }

            var actual = (await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
                .Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal))
                .Select(d => (Id: d.Id, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1))
                .ToList();
            var expected = Expected(text);

            foreach (var id in actual.Select(a => a.Id).Concat(expected.Select(e => e.Id)).Distinct())
            {
                var a = actual.Where(x => x.Id == id).Select(x => x.Line).ToList();
                var e = expected.Where(x => x.Id == id).Select(x => x.Line).ToList();
                var truePositive = a.Count(l => e.Contains(l));
                var falsePositive = a.Count(l => !e.Contains(l));
                var falseNegative = e.Count(l => !a.Contains(l));
                counts.TryGetValue(id, out var c);
                counts[id] = (c.TruePositive + truePositive, c.FalsePositive + falsePositive, c.FalseNegative + falseNegative);
                problems.AddRange(a.Where(l => !e.Contains(l)).Select(l => $"{name}({l}): unexpected {id}"));
                problems.AddRange(e.Where(l => !a.Contains(l)).Select(l => $"{name}({l}): missing {id}"));
            }
        }

        output.WriteLine($"{files.Count} files");
        output.WriteLine("rule    | TP | FP | FN | precision | recall");
        foreach (var (id, (tp, fp, fn)) in counts)
        {
            output.WriteLine($"{id}  | {tp,2} | {fp,2} | {fn,2} | {Ratio(tp, tp + fp),9} | {Ratio(tp, tp + fn),6}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Ratio(int part, int whole) => whole == 0 ? "n/a" : ((double)part / whole).ToString("P0", System.Globalization.CultureInfo.InvariantCulture);

    private static List<(string Id, int Line)> Expected(string text)
    {
        var result = new List<(string, int)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExpectComment().Match(lines[i]);
            if (match.Success)
            {
                result.AddRange(match.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => (id, i + 1)));
            }
        }

        return result;
    }

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>CG\d{4}(\s*,\s*CG\d{4})*)")]
    private static partial Regex ExpectComment();
}
