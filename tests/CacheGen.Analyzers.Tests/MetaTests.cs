using System.Reflection;
using CacheGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Tests;

/// <summary>The catalogue holds together: ids, help pages, release tracking.</summary>
public sealed class MetaTests
{
    private static readonly string RepositoryRoot = FindRoot();

    public static IEnumerable<object[]> Descriptors() => AllDescriptors().Select(d => new object[] { d.Id });

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Every_help_link_names_an_existing_docs_page(string id)
    {
        var descriptor = AllDescriptors().First(d => d.Id == id);
        Assert.Equal(CacheGen.Analyzers.Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot, "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
    }

    [Fact]
    public void Every_id_is_a_DiagnosticIds_constant_and_every_constant_is_used()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        var used = AllDescriptors().Select(d => d.Id).ToHashSet();
        Assert.Equal(constants.Order(), used.Order());
        Assert.All(used, id => Assert.Matches("^CG[019][0-9]{3}$", id));
    }

    [Fact]
    public void Release_tracking_lists_exactly_the_rules_of_each_assembly()
    {
        static HashSet<string> Tracked(string project) =>
            File.ReadAllLines(Path.Combine(RepositoryRoot, project, "AnalyzerReleases.Unshipped.md"))
                .Concat(File.ReadAllLines(Path.Combine(RepositoryRoot, project, "AnalyzerReleases.Shipped.md")))
                .Where(l => l.StartsWith("CG", StringComparison.Ordinal)).Select(l => l.Split('|')[0].Trim()).ToHashSet();

        Assert.Equal(AnalyzerDescriptors().Select(d => d.Id).Order(), Tracked(Path.Combine("src", "Analyzers", "CacheGen.Analyzers")).Order());
        Assert.Equal(["CG9001"], Tracked(Path.Combine("src", "Generator")).Order());
    }

    [Fact]
    public void Every_rule_has_a_row_in_the_diagnostics_index_and_the_readme()
    {
        var index = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "diagnostics", "README.md"));
        Assert.All(AllDescriptors(), d => Assert.Contains($"[{d.Id}]({d.Id}.md)", index, StringComparison.Ordinal));
    }

    private static IEnumerable<DiagnosticDescriptor> AnalyzerDescriptors() =>
        typeof(UnknownPlaceholderAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .DistinctBy(d => d.Id);

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors()
    {
        var generatorDiagnostics = typeof(CacheGen.Generator.CachedDecoratorGenerator).Assembly.GetType("CacheGen.Generator.GeneratorDiagnostics")!;
        var cg9001 = (DiagnosticDescriptor)generatorDiagnostics.GetField("LanguageVersionTooLow")!.GetValue(null)!;
        return AnalyzerDescriptors().Append(cg9001);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CacheGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("CacheGen.sln not found above " + AppContext.BaseDirectory);
    }
}
