using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers;

/// <summary>
/// Where a Redis-practice mistake is harmless: test projects (a Redis client's own tests, test helpers) and program
/// entry points (a console tool's <c>Main</c> and the rest of its <c>Program</c> class, top-level statements), where
/// KEYS, keyspace walks and a connection per run are normal. Each exclusion can be turned off in <c>.editorconfig</c> or <c>.globalconfig</c>:
/// <c>cachegen.analyze_test_projects = true</c>, <c>cachegen.analyze_entry_points = true</c>.
/// </summary>
/// <remarks>
/// Generated code is out of scope for every rule, and is never analyzed: each rule configures
/// <see cref="Microsoft.CodeAnalysis.Diagnostics.GeneratedCodeAnalysisFlags.ReportDiagnostics"/> without <c>Analyze</c>,
/// so the driver skips generated files and symbols marked <c>[GeneratedCode]</c>. Every rule reports inside the code it
/// was run on, so the driver's second check of each diagnostic (a walk of the whole file for a GeneratedCode attribute,
/// once per file with a diagnostic) would find nothing, and is not asked for.
/// </remarks>
internal sealed class CodeScope
{
    private const string AnalyzeTestProjects = "cachegen.analyze_test_projects";
    private const string AnalyzeEntryPoints = "cachegen.analyze_entry_points";

    // Assemblies whose reference makes a project a test project, whatever MSBuild says.
    private static readonly string[] TestFrameworks =
    [
        "xunit.core", "xunit.v3.core", "xunit.assert", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework", "TUnit.Core", "Microsoft.Testing.Platform",
    ];

    private readonly AnalyzerOptions _options;
    private readonly bool _testProject;

    private CodeScope(Compilation compilation, AnalyzerOptions options)
    {
        _options = options;
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        _testProject = (global.TryGetValue("build_property.IsTestProject", out var isTest) && IsTrue(isTest))
            || compilation.ReferencedAssemblyNames.Any(a => TestFrameworks.Contains(a.Name, StringComparer.OrdinalIgnoreCase));
    }

    public static CodeScope For(Compilation compilation, AnalyzerOptions options) => new(compilation, options);

    /// <summary>Whether this is a test project whose diagnostics are not reported (the exclusion is on).</summary>
    public bool IsTestProject => _testProject && !Enabled(null, AnalyzeTestProjects);

    /// <summary>Whether a diagnostic at <paramref name="location"/>, inside <paramref name="containing"/>, should be reported.</summary>
    public bool Reports(Location location, ISymbol? containing)
    {
        var tree = location.SourceTree;
        if (_testProject && !Enabled(tree, AnalyzeTestProjects))
        {
            return false;
        }

        return !IsEntryPoint(containing) || Enabled(tree, AnalyzeEntryPoints);
    }

    private bool Enabled(SyntaxTree? tree, string key) =>
        (tree is not null && _options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value) && IsTrue(value))
        || (_options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(key, out var global) && IsTrue(global));

    /// <summary>
    /// A static <c>Main</c> (or top-level statements), a lambda or local function inside one, or another member of the
    /// class that declares it.
    /// </summary>
    private static bool IsEntryPoint(ISymbol? symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: true } method
                && (method.Name is "Main" or "<Main>$" || method.Name.StartsWith("<Main>$", StringComparison.Ordinal)))
            {
                return true;
            }

            if (current is INamedTypeSymbol type)
            {
                // The rest of the class that declares the entry point: a console tool's Program and its helpers.
                return type.GetMembers("Main").Any(m => m.IsStatic) || type.GetMembers("<Main>$").Length > 0;
            }
        }

        return false;
    }

    private static bool IsTrue(string value) => string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
