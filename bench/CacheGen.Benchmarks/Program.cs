using BenchmarkDotNet.Running;
using CacheGen.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(HitBenchmarks).Assembly).Run(args);
