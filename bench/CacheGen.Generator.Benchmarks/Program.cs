using BenchmarkDotNet.Running;
using CacheGen.Generator.Benchmarks;
using Microsoft.CodeAnalysis;

// `dotnet run -c Release --project bench/CacheGen.Generator.Benchmarks -- check` proves that an unrelated edit
// regenerates nothing; `-- breakdown false|true` splits a full run (medians of 9) into the compiler's diagnostics, the
// generator, parsing its output alone and attribute discovery alone; any other arguments go to BenchmarkDotNet.

if (args is ["check"])
{
    var compilation = SyntheticProject.Create(GeneratorCostBenchmarks.Classes, GeneratorCostBenchmarks.MethodsPerClass);
    var driver = GeneratorCostBenchmarks.NewDriver(track: true).RunGenerators(compilation);
    driver = driver.RunGenerators(SyntheticProject.WithUnrelatedEdit(compilation, 1));
    var outputs = driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
    var regenerated = outputs.Count(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
    Console.WriteLine($"unrelated one-line edit: {outputs.Count} outputs, {regenerated} regenerated");
    return regenerated == 0 ? 0 : 1;
}

if (args is ["breakdown", var bodies])
{
    var compilation = SyntheticProject.Create(GeneratorCostBenchmarks.Classes, GeneratorCostBenchmarks.MethodsPerClass, bool.Parse(bodies));
    var texts = GeneratorCostBenchmarks.NewDriver().RunGenerators(compilation).GetRunResult().GeneratedTrees.Select(t => t.GetText().ToString()).ToList();
    Console.WriteLine($"generated: {texts.Count} files, {texts.Sum(t => t.Length):N0} chars");
    static double Median(Func<int> action)
    {
        var times = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
    Console.WriteLine($"compiler diagnostics {Median(() => compilation.Clone().GetDiagnostics().Length):F0} ms");
    Console.WriteLine($"generator full run   {Median(() => GeneratorCostBenchmarks.NewDriver().RunGenerators(compilation.Clone()).GetRunResult().GeneratedTrees.Length):F0} ms");
    Console.WriteLine($"parse generated      {Median(() => texts.Sum(t => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(t, SyntheticProject.ParseOptions).GetRoot().FullSpan.Length)):F0} ms");
    Console.WriteLine($"discovery only       {Median(() => Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create([new AttributeDiscoveryOnlyGenerator().AsSourceGenerator()], parseOptions: SyntheticProject.ParseOptions).RunGenerators(compilation.Clone()).GetRunResult().GeneratedTrees.Length):F0} ms");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorCostBenchmarks).Assembly).Run(args);
return 0;
