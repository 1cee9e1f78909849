using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CacheGen.Generator.Benchmarks;

/// <summary>
/// What the generator adds to a build: a full run over 500 classes × 4 decorated methods, against the compiler's own
/// time to produce diagnostics for the same compilation (the baseline), and a re-run after an unrelated edit.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn] // on a shared machine, medians are the figures to quote
[GcServer(true)] // as the compiler runs (csc and VBCSCompiler set System.GC.Server)
public class GeneratorCostBenchmarks
{
    public const int Classes = 500;
    public const int MethodsPerClass = 4;

    /// <summary>Generator runs before any measurement, so that the generator's process measures tiered-up code.</summary>
    public const int WarmUpRuns = 50;

    private CSharpCompilation _compilation = null!;

    /// <summary>Whether method bodies are one-liners (the generator's worst ratio) or typical repository methods.</summary>
    [Params(false, true)]
    public bool RealisticBodies { get; set; }
    private GeneratorDriver _warmDriver = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticProject.Create(Classes, MethodsPerClass, RealisticBodies);
        // Checked on a copy: the compilation every benchmark copies stays unbound, as in the breakdown.
        var errors = _compilation.Clone().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("the synthetic project does not compile: " + string.Join("; ", errors));
        }
        // Every benchmark runs in a process of its own, and each must measure Roslyn's code tiered up, as in a long-lived
        // VBCSCompiler, not the JIT. The compiler gets there within its first runs (each calls its hot methods millions of
        // times). A generator run calls far fewer methods far fewer times: in a process of its own it keeps the tiered
        // JIT busy on a background thread for dozens of runs (measured: CPU 1.7 times the wall time after 13 runs, equal
        // to it with tiered compilation off; the run time falls from about 220 ms to 130 ms over about 40 runs). So it is
        // run WarmUpRuns times first.
        for (var i = 0; i < 3; i++)
        {
            _ = _compilation.Clone().GetDiagnostics();
        }

        for (var i = 0; i < WarmUpRuns; i++)
        {
            _ = NewDriver().RunGenerators(_compilation.Clone());
            _ = AttributeDiscoveryOnly();
        }

        _warmDriver = NewDriver().RunGenerators(_compilation);
        var generated = _warmDriver.GetRunResult().GeneratedTrees.Length;
        if (generated != Classes)
        {
            throw new InvalidOperationException($"expected {Classes} generated files, got {generated}");
        }
    }

    /// <summary>The compiler's own work: binding and diagnostics of the whole (cold) compilation.</summary>
    [Benchmark(Baseline = true)]
    public int CompilerDiagnostics() => _compilation.Clone().GetDiagnostics().Length;

    /// <summary>A full generator run on a cold compilation, as in a clean build.</summary>
    [Benchmark]
    public int GeneratorFullRun() => NewDriver().RunGenerators(_compilation.Clone()).GetRunResult().GeneratedTrees.Length;

    /// <summary>Attribute discovery alone (no model, no output): the floor for any attribute-driven generator.</summary>
    [Benchmark]
    public int AttributeDiscoveryOnly() => RunAlone(new AttributeDiscoveryOnlyGenerator(), _compilation.Clone());

    /// <summary>A generator re-run after a one-line edit in an unrelated file, as while typing in the IDE.</summary>
    [Benchmark]
    public int GeneratorAfterUnrelatedEdit() => _warmDriver.RunGenerators(SyntheticProject.WithUnrelatedEdit(_compilation, ++_edit)).GetRunResult().GeneratedTrees.Length;

    /// <summary>One run of a measuring-stick generator, alone in a driver of its own; the number of files it generated.</summary>
    internal static int RunAlone(IIncrementalGenerator generator, Compilation compilation) =>
        CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: SyntheticProject.ParseOptions).RunGenerators(compilation).GetRunResult().GeneratedTrees.Length;

    internal static GeneratorDriver NewDriver(bool track = false) => CSharpGeneratorDriver.Create(
        [new CachedDecoratorGenerator().AsSourceGenerator()],
        parseOptions: SyntheticProject.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
}
