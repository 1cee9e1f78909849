using BenchmarkDotNet.Running;
using CacheGen.Generator.Benchmarks;
using Microsoft.CodeAnalysis;

// `dotnet run -c Release --project bench/CacheGen.Generator.Benchmarks -- check` proves that an unrelated edit
// regenerates nothing; `-- breakdown false|true [rounds] [measure]` splits a full run into the compiler's diagnostics,
// the generator, a re-run after an edit, discovery, the signature floor, models, emit and parsing the output, interleaved
// round by round (medians of 15 by default), or runs the one measure whose name starts with [measure] alone and prints
// every round; `-- analyzers false|true false|true [rounds]` measures CacheGen's analyzers against the compiler on the same
// project (the second flag references EF Core, Dapper and StackExchange.Redis so that every rule is active); `-- profile false|true N` runs the generator N times for an external profiler; any other arguments go
// to BenchmarkDotNet.

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

if (args is ["breakdown", var bodies, ..] && bool.TryParse(bodies, out var realistic))
{
    var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15;
    Breakdown.Run(realistic, rounds, args.Length > 3 ? args[3] : null);
    return 0;
}

if (args is ["analyzers", var analyzerBodies, var dataAccess, ..] && bool.TryParse(analyzerBodies, out var analyzerRealistic) && bool.TryParse(dataAccess, out var withData))
{
    AnalyzerCost.Run(analyzerRealistic, withData, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return 0;
}

if (args is ["profile", var profileBodies, var runs])
{
    // A workload for an external profiler (dotnet-trace): full generator runs only.
    var compilation = SyntheticProject.Create(GeneratorCostBenchmarks.Classes, GeneratorCostBenchmarks.MethodsPerClass, bool.Parse(profileBodies));
    for (var i = 0; i < int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        GeneratorCostBenchmarks.NewDriver().RunGenerators(compilation.Clone());
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorCostBenchmarks).Assembly).Run(args);
return 0;
