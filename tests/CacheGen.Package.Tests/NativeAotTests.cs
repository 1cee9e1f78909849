using System.Diagnostics;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CacheGen.Package.Tests;

/// <summary>
/// A native AOT application with cached methods and no hand-written JsonSerializerContext: published from the folder
/// feed, run against a real server, it caches its values in Redis and reads them back.
/// </summary>
[Collection(PackageFeedGroup.Name)]
public sealed class NativeAotTests(PackageFeedFixture feed, ITestOutputHelper output)
{
    private const string Program = """
        using CacheGen;
        using Microsoft.Extensions.DependencyInjection;

        await using var provider = new ServiceCollection()
            .AddCacheGen(o => o.Redis = args[0])
            .AddCached<IReports, Reports>()
            .Services.BuildServiceProvider();
        if (!await provider.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30)))
        {
            Console.WriteLine("Redis not ready");
            return 2;
        }

        var reports = provider.GetRequiredService<IReports>();
        var year = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var first = await reports.GetAsync(year, 6);
        var second = await reports.GetAsync(year, 6);
        Console.WriteLine($"loads={Reports.Loads} same={first == second || first.Total == second.Total && first.Lines.Count == second.Lines.Count} lines={second.Lines.Count} kind={second.Lines[0].Kind} at={second.At:O}");
        return 0;

        public enum Kind { Sale, Refund }

        public sealed record Line(string Name, decimal Amount, Kind Kind);

        public sealed record Report(int Year, int Month, decimal Total, IReadOnlyList<Line> Lines, DateTimeOffset? At);

        public interface IReports
        {
            Task<Report> GetAsync(int year, int month, CancellationToken ct = default);
        }

        public sealed class Reports : IReports
        {
            public static int Loads;

            [Cached("aot-report:{year}:{month}", TtlSeconds = 600)]
            public Task<Report> GetAsync(int year, int month, CancellationToken ct)
            {
                Interlocked.Increment(ref Loads);
                return Task.FromResult(new Report(year, month, 12.5m, [new Line("kettle", 12.5m, Kind.Refund)], new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero)));
            }
        }
        """;

    [Fact]
    public async Task A_native_AOT_app_without_a_serializer_context_caches_and_reads_back()
    {
        var folder = Path.Combine(feed.Root, "AotShop");
        var (newExit, created) = await DotnetCli.RunAsync(feed.Root, TimeSpan.FromMinutes(3), "new", "console", "-n", "AotShop", "-o", folder, "--framework", "net10.0");
        Assert.True(newExit == 0, created);
        foreach (var (package, version) in new[] { ("CacheGen", feed.Version), ("Microsoft.Extensions.DependencyInjection", "10.0.15") })
        {
            var (addExit, added) = await DotnetCli.RunAsync(folder, TimeSpan.FromMinutes(5), "add", "package", package, "--version", version);
            Assert.True(addExit == 0, added);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), Program);
        var (publishExit, published) = await DotnetCli.RunAsync(folder, TimeSpan.FromMinutes(15), "publish", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", Path.Combine(folder, "native"));
        output.WriteLine(published);
        Assert.True(publishExit == 0, "the native AOT publish must succeed:\n" + published);
        Assert.DoesNotContain("warning CG", published, StringComparison.Ordinal);
        Assert.DoesNotContain(published.Split('\n'), line => line.Contains("warning IL", StringComparison.Ordinal) && line.Contains("CacheGen", StringComparison.Ordinal));

        var endpoint = Environment.GetEnvironmentVariable("CACHEGEN_TEST_REDIS") is { Length: > 0 } external ? external : null;
        using var garnet = endpoint is null ? StartGarnet(out endpoint) : null;
        var year = Random.Shared.Next(3000, 9000);
        var (runExit, ran) = await RunNativeAsync(Path.Combine(folder, "native", "AotShop"), endpoint, year);
        output.WriteLine(ran);
        Assert.True(runExit == 0, ran);
        Assert.Contains("loads=1 same=True lines=1 kind=Refund at=2026-12-03T12:00:00.0000000+00:00", ran, StringComparison.Ordinal);

        // What the native app wrote is in Redis, as JSON the contracts wrote (camel-cased names, the enum as a number).
        await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var stored = (byte[]?)await redis.GetDatabase().StringGetAsync($"{{aot-report:{year}:6}}");
        Assert.NotNull(stored);
        var json = System.Text.Encoding.UTF8.GetString(stored.AsSpan(9));
        Assert.Contains("\"total\":12.5", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":1", json, StringComparison.Ordinal);
    }

    private static Garnet.GarnetServer StartGarnet(out string endpoint)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var garnet = new Garnet.GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "--lua-transaction-mode", "true", "--logger-level", "Warning"]);
        garnet.Start();
        endpoint = $"127.0.0.1:{port}";
        return garnet;
    }

    private static async Task<(int ExitCode, string Output)> RunNativeAsync(string executable, string endpoint, int year)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(endpoint);
        start.ArgumentList.Add(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
