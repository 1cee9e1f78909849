using System.Diagnostics;

namespace CacheGen.Harness;

/// <summary>One placement of the fence check and how many of its trials saw the write.</summary>
public sealed record FenceResult(string Placement, int Trials, int Fresh, double MedianLateCallerMs);

/// <summary>
/// The flight-fencing check in real time: a load of 300 ms starts; 50 ms later a write of the same row is acknowledged;
/// 20 ms after that a new caller asks for the row. It must get the written row, whichever instance wrote and whichever
/// the new caller is on. Two engines, each with its own connection.
/// </summary>
public static class Fence
{
    public static async Task<IReadOnlyList<FenceResult>> RunAsync(string endpoint, int trials)
    {
        var results = new List<FenceResult>();
        foreach (var (placement, writerIndex, lateIndex) in new[]
        {
            ("writer and new caller on the loading instance", 0, 0),
            ("writer on another instance, new caller on the loading instance", 1, 0),
            ("writer on the loading instance, new caller on another instance", 0, 1),
        })
        {
            results.Add(await RunPlacementAsync(endpoint, trials, placement, writerIndex, lateIndex));
            var last = results[^1];
            Console.Error.WriteLine($"fence: {last.Placement}: {last.Fresh} of {last.Trials} saw the write (median new-caller latency {last.MedianLateCallerMs:F0} ms)");
        }

        return results;
    }

    private static async Task<FenceResult> RunPlacementAsync(string endpoint, int trials, string placement, int writerIndex, int lateIndex)
    {
        var scope = Guid.NewGuid().ToString("N")[..8];
        var engines = new[] { NewEngine(endpoint, scope), NewEngine(endpoint, scope) };
        foreach (var engine in engines)
        {
            await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        }

        var policy = new CachePolicy("fence:{id}", ttlSeconds: 600);
        var methods = engines.Select(e => e.GetCachedMethod<string, long>(policy, id => policy.Template.Render(id))).ToArray();
        var fresh = 0;
        var latencies = new List<double>();
        for (var trial = 0; trial < trials; trial++)
        {
            var id = $"t{trial}";
            long row = 1;
            var slowLoadStarted = 0;
            async ValueTask<long> Load(string _, CancellationToken ct)
            {
                var read = Volatile.Read(ref row);
                if (Interlocked.Exchange(ref slowLoadStarted, 1) == 0)
                {
                    await Task.Delay(300, ct); // the slow query, holding the row it read
                }

                return read;
            }

            var clock = Stopwatch.StartNew();
            var first = methods[0].GetOrLoadAsync(id, id, Load).AsTask();
            await Task.Delay(50);
            Volatile.Write(ref row, 2);
            await engines[writerIndex].InvalidateAsync(methods[0].FormatKey(id));
            var wait = 70 - clock.Elapsed.TotalMilliseconds;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            var asked = Stopwatch.StartNew();
            var late = await methods[lateIndex].GetOrLoadAsync(id, id, Load);
            latencies.Add(asked.Elapsed.TotalMilliseconds);
            await first;
            if (late == 2)
            {
                fresh++;
            }
        }

        foreach (var engine in engines)
        {
            await engine.DisposeAsync();
        }

        return new FenceResult(placement, trials, fresh, Stats.Median(latencies));
    }

    private static CacheEngine NewEngine(string endpoint, string scope) =>
        new(new CacheGenOptions { Redis = endpoint, KeyPrefix = $"fence-{scope}:", InvalidationChannel = $"fence-{scope}" });
}
