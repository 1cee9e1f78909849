#!/usr/bin/env bash
# Reproduces every figure in docs/benchmarks.md: the BenchmarkDotNet suite against FusionCache, HybridCache and
# hand-written cache-aside; the multi-process stampede and consistency harnesses; the generator's cost; the chart.
# About 19 minutes on 2 cores. Needs the .NET SDK and Debian's redis-server (each run starts and stops its own).
#
#   bench/run-all.sh [output directory]      (default: bench/results/latest)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench/results/latest}"
mkdir -p "$out"

if ! command -v "${CACHEGEN_REDIS_SERVER:-redis-server}" >/dev/null; then
  echo "redis-server not found: apt-get install redis-server, or set CACHEGEN_REDIS_SERVER" >&2
  exit 1
fi

started=$SECONDS
dotnet build bench/CacheGen.Benchmarks -c Release -v quiet -nologo
dotnet build bench/CacheGen.Harness -c Release -v quiet -nologo
dotnet build bench/CacheGen.Generator.Benchmarks -c Release -v quiet -nologo

echo "== hits, misses and invalidations (BenchmarkDotNet, 3 launches x 10 iterations each)"
dotnet run -c Release --no-build --project bench/CacheGen.Benchmarks -- \
  --filter '*HitBenchmarks*' --launchCount 3 --warmupCount 3 --iterationCount 10 \
  --exporters csv markdown --artifacts "$out/bdn"

echo "== stampede and consistency harnesses"
dotnet bench/CacheGen.Harness/bin/Release/net10.0/CacheGen.Harness.dll all \
  --out "$out" --bdn "$out/bdn/results/CacheGen.Benchmarks.HitBenchmarks-report.csv"

echo "== generator cost"
dotnet run -c Release --no-build --project bench/CacheGen.Generator.Benchmarks -- \
  --filter '*' --job short --invocationCount 1 --unrollFactor 1 --exporters csv markdown --artifacts "$out/generator"
dotnet run -c Release --no-build --project bench/CacheGen.Generator.Benchmarks -- check | tee "$out/generator/check.txt"
for bodies in false true; do  # the split of a full run, interleaved, medians of 12 (steadier than the ShortRun above)
  dotnet run -c Release --no-build --project bench/CacheGen.Generator.Benchmarks -- breakdown "$bodies" 12 | tee "$out/generator/breakdown-realistic-bodies-$bodies.txt"
done

echo "== done in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s: $out/report.md, $out/chart.png, $out/bdn/results, $out/generator/results"
