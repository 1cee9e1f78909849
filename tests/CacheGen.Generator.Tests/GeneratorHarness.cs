using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CacheGen.Generator.Tests;

/// <summary>Runs <see cref="CachedDecoratorGenerator"/> over sources, as the compiler would in a user's build.</summary>
internal static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(CachedAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(StackExchange.Redis.IConnectionMultiplexer).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
    ];

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) => new(version);

    public static CSharpCompilation Compile(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest) =>
        CSharpCompilation.Create(
            "UserProject",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions(version), path: $"File{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(bool trackSteps = false, LanguageVersion version = LanguageVersion.Latest) =>
        CSharpGeneratorDriver.Create(
            [new CachedDecoratorGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions(version),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns its result and the compilation with the generated files added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(params string[] sources) => Run(LanguageVersion.Latest, sources);

    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(LanguageVersion version, params string[] sources)
    {
        var compilation = Compile(sources, version);
        var driver = Driver(version: version).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Errors and warnings of a compilation, generated files included, as readable lines.</summary>
    public static string[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
}

/// <summary>
/// Approval snapshots: <c>Snapshots/&lt;name&gt;.verified.cs</c> beside this file. A missing or different snapshot fails and
/// writes <c>&lt;name&gt;.received.cs</c> next to it, to be reviewed and renamed.
/// </summary>
internal static class Snapshot
{
    // Deterministic CI builds map source paths (/_/…), so [CallerFilePath] may not exist here: then look upwards from
    // the test binaries for the project's Snapshots folder.
    private static string SnapshotFolder(string callerFile)
    {
        var beside = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Snapshots");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "CacheGen.Generator.Tests.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No Snapshots folder beside {callerFile} or above {AppContext.BaseDirectory}.");
    }

    public static void Match(string actual, [CallerMemberName] string name = "", [CallerFilePath] string callerFile = "")
    {
        var folder = SnapshotFolder(callerFile);
        var verified = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) == actual)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"The generated code differs from {verified}; see {received} (rename it to .verified.cs if the change is intended)."
            : $"No snapshot {verified} yet; review {received} and rename it to .verified.cs.");
    }
}
