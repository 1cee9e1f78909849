using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CacheGen.Generator.Benchmarks;

/// <summary>A synthetic user project: N repository classes, each with an interface and M decorated methods.</summary>
public static class SyntheticProject
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <param name="classes">How many repository classes.</param>
    /// <param name="methodsPerClass">Decorated methods per class (every fourth one invalidates).</param>
    /// <param name="realisticBodies">
    /// False: one-line bodies, the compiler's least work per method (the generator's worst ratio). True: bodies the size
    /// of a typical repository method (a LINQ query, a projection, a guard, an aggregation).
    /// </param>
    public static CSharpCompilation Create(int classes, int methodsPerClass, bool realisticBodies = false)
    {
        var trees = new List<SyntaxTree>();
        for (var c = 0; c < classes; c++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Repository(c, methodsPerClass, realisticBodies), ParseOptions, path: $"Repository{c}.cs"));
        }

        trees.Add(CSharpSyntaxTree.ParseText(UnrelatedFile(0), ParseOptions, path: "Unrelated.cs"));
        return CSharpCompilation.Create(
            "Synthetic",
            trees,
            [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(CachedAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The same compilation with the unrelated file edited (one line).</summary>
    public static Compilation WithUnrelatedEdit(Compilation compilation, int edit)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(UnrelatedFile(edit), ParseOptions, path: "Unrelated.cs"));
    }

    private static string UnrelatedFile(int edit) => $$"""
        namespace Synthetic.Util;
        public static class Numbers
        {
            public static int Edit => {{edit}};
        }
        """;

    private static string Repository(int index, int methods, bool realisticBodies)
    {
        var text = new StringBuilder();
        text.AppendLine("using System; using System.Collections.Generic; using System.Linq; using System.Threading; using System.Threading.Tasks; using CacheGen;");
        text.AppendLine($"namespace Synthetic.Area{index % 20};");
        text.AppendLine($"public sealed record Report{index}(int Year, int Month, decimal Total);");
        text.AppendLine($"public interface IRepository{index}");
        text.AppendLine("{");
        for (var m = 0; m < methods; m++)
        {
            text.AppendLine(m % 4 == 3
                ? $"    Task Save{m}Async(Report{index} report, CancellationToken ct = default);"
                : $"    Task<Report{index}> Get{m}Async(int year, int month, Guid tenant, CancellationToken ct = default);");
        }

        text.AppendLine("    string Name { get; }");
        text.AppendLine("}");
        text.AppendLine($"public sealed record Sale{index}(int Id, int Year, int Month, Guid Tenant, decimal Amount, string Region);");
        text.AppendLine($"public sealed class Repository{index} : IRepository{index}");
        text.AppendLine("{");
        text.AppendLine($"    private readonly List<Sale{index}> _sales = new();");
        for (var m = 0; m < methods; m++)
        {
            if (m % 4 == 3)
            {
                text.AppendLine($"    [InvalidatesCache(\"r{index}:m0:{{report.Year}}:{{report.Month}}\")]");
                text.AppendLine($"    public Task Save{m}Async(Report{index} report, CancellationToken ct) => Task.CompletedTask;");
            }
            else
            {
                text.AppendLine($"    [Cached(\"r{index}:m{m}:{{year}}:{{month}}:{{tenant}}\", TtlSeconds = 600, LocalTtlSeconds = 10)]");
                if (realisticBodies)
                {
                    text.AppendLine($$"""
                        public async Task<Report{{index}}> Get{{m}}Async(int year, int month, Guid tenant, CancellationToken ct)
                        {
                            if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "month must be 1-12");
                            await Task.Yield();
                            ct.ThrowIfCancellationRequested();
                            var rows = _sales
                                .Where(s => s.Year == year && s.Month == month && s.Tenant == tenant)
                                .GroupBy(s => s.Region)
                                .Select(g => new { Region = g.Key, Total = g.Sum(s => s.Amount), Count = g.Count(), Largest = g.Max(s => s.Amount) })
                                .OrderByDescending(r => r.Total)
                                .ToList();
                            var total = rows.Sum(r => r.Total) * {{m + 1}}m;
                            var summary = string.Join(", ", rows.Select(r => $"{r.Region}: {r.Total:N2} in {r.Count} sales (largest {r.Largest:N2})"));
                            return new Report{{index}}(year, month, total + (summary.Length > 1000 ? 1m : 0m));
                        }
                    """);
                }
                else
                {
                    text.AppendLine($"    public Task<Report{index}> Get{m}Async(int year, int month, Guid tenant, CancellationToken ct) => Task.FromResult(new Report{index}(year, month, {m}m));");
                }
            }
        }

        text.AppendLine("    public string Name => \"repository\";");
        text.AppendLine("}");
        return text.ToString();
    }
}
