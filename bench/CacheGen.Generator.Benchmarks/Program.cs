using BenchmarkDotNet.Running;
using CacheGen.Generator.Benchmarks;
using Microsoft.CodeAnalysis;

// `dotnet run -c Release --project bench/CacheGen.Generator.Benchmarks -- check` proves that an unrelated edit
// regenerates nothing; any other arguments go to BenchmarkDotNet (for example `--filter *`).

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

BenchmarkSwitcher.FromAssembly(typeof(GeneratorCostBenchmarks).Assembly).Run(args);
return 0;
