using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CacheGen.Generator.Benchmarks;

/// <summary>A synthetic user project: N repository classes, each with an interface and M decorated methods.</summary>
public static class SyntheticProject
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Create(int classes, int methodsPerClass)
    {
        var trees = new List<SyntaxTree>();
        for (var c = 0; c < classes; c++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Repository(c, methodsPerClass), ParseOptions, path: $"Repository{c}.cs"));
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

    private static string Repository(int index, int methods)
    {
        var text = new StringBuilder();
        text.AppendLine("using System; using System.Threading; using System.Threading.Tasks; using CacheGen;");
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
        text.AppendLine($"public sealed class Repository{index} : IRepository{index}");
        text.AppendLine("{");
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
                text.AppendLine($"    public Task<Report{index}> Get{m}Async(int year, int month, Guid tenant, CancellationToken ct) => Task.FromResult(new Report{index}(year, month, {m}m));");
            }
        }

        text.AppendLine("    public string Name => \"repository\";");
        text.AppendLine("}");
        return text.ToString();
    }
}
