using System.Text.Json;
using CacheGen.Tool.Tests.Infrastructure;

namespace CacheGen.Tool.Tests;

public sealed class CliTests(RedisProcess redis) : RedisTest(redis)
{
    [Fact]
    public async Task Built_doctor_exits_1_with_findings_and_its_json_parses()
    {
        await Redis.Admin.GetDatabase().StringSetAsync("shop:{orphan:1}", "no ttl");

        var (exit, stdout, stderr) = await ToolProcess.RunAsync("doctor", "--redis", Redis.Endpoint, "--prefix", "shop:", "--json");

        Assert.True(exit == ExitCodes.Findings, $"exit {exit}\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var orphans = Assert.Single(findings, f => f.GetProperty("code").GetString() == "orphan-keys");
        Assert.Equal("error", orphans.GetProperty("severity").GetString());
        Assert.Equal("shop:{orphan:1}", orphans.GetProperty("examples")[0].GetString());
        Assert.False(string.IsNullOrWhiteSpace(orphans.GetProperty("whatToDo").GetString()));
        Assert.Equal(1, json.RootElement.GetProperty("sample").GetProperty("scanCalls").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("sample").GetProperty("keysExamined").GetInt32());
        Assert.Equal("shop:", json.RootElement.GetProperty("prefix").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("servers")[0].GetProperty("keysExamined").GetInt32());
    }

    [Fact]
    public async Task Built_doctor_exits_0_on_an_empty_keyspace()
    {
        var (exit, stdout, stderr) = await ToolProcess.RunAsync("doctor", "--redis", Redis.Endpoint, "--prefix", "shop:", "--json");

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(0, json.RootElement.GetProperty("sample").GetProperty("keysExamined").GetInt32());
        Assert.True(json.RootElement.GetProperty("sample").GetProperty("complete").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData("cure")]
    [InlineData("doctor")]
    [InlineData("doctor --redis 127.0.0.1:1 --sample none")]
    [InlineData("doctor --redis 127.0.0.1:1 --prefix a{b}")]
    [InlineData("doctor --redis 127.0.0.1:1 --frobnicate")]
    [InlineData("doctor --redis 127.0.0.1:1 stray")]
    [InlineData("trace")]
    [InlineData("trace not-a-url")]
    [InlineData("trace http://127.0.0.1:1/ --header NoColon")]
    [InlineData("watch --redis 127.0.0.1:1 --duration -3")]
    public async Task Usage_errors_exit_2_and_say_why(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await Cli.RunAsync(args, stdout, stderr, progress: null, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Usage:", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.ToString());
    }

    [Fact]
    public async Task An_unreachable_Redis_exits_3()
    {
        var port = ClosedPort();
        var (exit, stdout, stderr) = await ToolProcess.RunAsync("doctor", "--redis", $"127.0.0.1:{port},connectTimeout=500,password=s3cret-pw", "--json");

        Assert.True(exit == ExitCodes.Unreachable, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains($"Cannot reach Redis at 127.0.0.1:{port}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", stderr, StringComparison.Ordinal); // the configuration string is never echoed
    }

    [Fact]
    public async Task An_unreachable_URL_exits_3()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await Cli.RunAsync(["trace", $"http://127.0.0.1:{ClosedPort()}/reports/revenue/2026/6"], stdout, stderr, progress: null, CancellationToken.None);

        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.Contains("Cannot reach http://127.0.0.1:", stderr.ToString(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
