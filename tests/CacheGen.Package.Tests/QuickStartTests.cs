using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Garnet;
using Xunit.Abstractions;

namespace CacheGen.Package.Tests;

/// <summary>
/// The README's Quick start, as a new user follows it: a new web app, the package from a folder feed, Program.cs as the
/// README has it, then the requests it shows against a Redis-protocol server.
/// </summary>
[Collection(PackageFeedGroup.Name)]
public sealed partial class QuickStartTests(PackageFeedFixture feed, ITestOutputHelper output)
{
    [Fact]
    public async Task The_README_Quick_start_builds_and_runs_as_written()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(DotnetCli.RepositoryRoot(), "README.md"));
        var program = QuickStartBlock().Match(readme);
        Assert.True(program.Success, "README.md has no Quick start Program.cs block after its marker comment");

        // dotnet new web -n Shop; dotnet add package CacheGen (this run's build, from the folder feed).
        var folder = Path.Combine(feed.Root, "Shop");
        var (newExit, created) = await DotnetCli.RunAsync(feed.Root, TimeSpan.FromMinutes(3), "new", "web", "-n", "Shop", "-o", folder, "--framework", "net10.0");
        Assert.True(newExit == 0, created);
        var (addExit, added) = await DotnetCli.RunAsync(folder, TimeSpan.FromMinutes(5), "add", "package", "CacheGen", "--version", feed.Version);
        Assert.True(addExit == 0, added);
        await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), program.Groups["code"].Value);
        var (buildExit, build) = await DotnetCli.RunAsync(folder, TimeSpan.FromMinutes(8), "build", "-c", "Release");
        output.WriteLine(build);
        Assert.True(buildExit == 0, "the Quick start must build:\n" + build);
        Assert.DoesNotContain("warning CG", build, StringComparison.Ordinal);

        using var server = RedisServer.Start();
        var port = FreePort();
        using var app = new RunningApp(StartApp(folder, server.Endpoint, port));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUntilServingAsync(http, app.Process);

        // A year of its own, so that a server shared with earlier runs holds nothing for it.
        var report = $"/reports/{Random.Shared.Next(3000, 9000)}/6";
        var first = await http.GetFromJsonAsync<JsonElement>(report);
        Assert.Equal(0m, first.GetProperty("total").GetDecimal());
        // The report is in Redis, under the README's key (braced: a Redis Cluster hash tag), with the lifetime the attribute gives it (600 s fresh ± 10 % jitter, + 300 s stale).
        var year = first.GetProperty("year").GetInt32();
        await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.Endpoint))
        {
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"{{revenue:{year}:6}}");
            Assert.True(ttl is { TotalSeconds: > 0 and <= 960 }, $"{{revenue:{year}:6}} has TTL {ttl}");
        }

        var second = await http.GetFromJsonAsync<JsonElement>(report);
        Assert.Equal(0m, second.GetProperty("total").GetDecimal());

        var sale = await http.PostAsJsonAsync("/sales", new { year, month = 6, amount = 12.5m });
        Assert.Equal(HttpStatusCode.NoContent, sale.StatusCode);
        var fresh = await http.GetFromJsonAsync<JsonElement>(report);
        Assert.Equal(12.5m, fresh.GetProperty("total").GetDecimal());
    }

    private static Process StartApp(string folder, string redis, int port)
    {
        var start = DotnetCli.StartInfo(folder, "run", "-c", "Release", "--no-build", "--urls", $"http://127.0.0.1:{port}");
        start.Environment["ConnectionStrings__Redis"] = redis;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, Process app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            Assert.False(app.HasExited, $"the app exited with {(app.HasExited ? app.ExitCode : 0)}");
            try
            {
                using var probe = await http.GetAsync("/");
                return; // any answer: the app is listening
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"<!-- quick start: Program\.cs[^>]*-->\s*```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex QuickStartBlock();

    private sealed class RunningApp(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }

            Process.Dispose();
        }
    }

    /// <summary>The server named by CACHEGEN_TEST_REDIS, or Garnet started in this process.</summary>
    private sealed class RedisServer : IDisposable
    {
        private readonly GarnetServer? _garnet;

        private RedisServer(string endpoint, GarnetServer? garnet) => (Endpoint, _garnet) = (endpoint, garnet);

        public string Endpoint { get; }

        public static RedisServer Start()
        {
            if (Environment.GetEnvironmentVariable("CACHEGEN_TEST_REDIS") is { Length: > 0 } external)
            {
                return new RedisServer(external, null);
            }

            var port = FreePort();
            var garnet = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "--lua-transaction-mode", "true", "--logger-level", "Warning"]);
            garnet.Start();
            return new RedisServer($"127.0.0.1:{port}", garnet);
        }

        public void Dispose() => _garnet?.Dispose();
    }
}
