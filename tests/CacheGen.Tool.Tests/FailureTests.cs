using System.Text.Json;
using CacheGen.Internals;
using CacheGen.Tool.Tests.Infrastructure;
using CacheGen.Tool.Trace;

namespace CacheGen.Tool.Tests;

/// <summary>What the commands do when Redis refuses or fails a command, when cancelled, and with secrets on the command line.</summary>
public sealed class FailureTests(RedisProcess redis) : RedisTest(redis)
{
    private const string Prefix = "shop:";
    private static readonly CachedValueCodec Codec = new(new SystemTextJsonCacheSerializer());

    [Fact]
    public async Task Trace_reports_a_key_of_another_type_as_unreadable_instead_of_failing()
    {
        await Redis.Admin.GetDatabase().HashSetAsync("shop:{p:1}", "a", "b");
        await Redis.Admin.GetDatabase().HashSetAsync(CacheGenLayout.TagKey(Prefix, "catalog"), "a", "b");
        using var site = new CannedHttpServer(new Dictionary<string, string> { ["xkey"] = "k:p:1 t:catalog" });

        var (exit, stdout, stderr) = await RunAsync("trace", site.Address.ToString(), "--redis", Redis.Endpoint, "--prefix", Prefix, "--json");

        Assert.True(exit == ExitCodes.Findings, $"exit {exit}\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("unreadable", json.RootElement.GetProperty("keys")[0].GetProperty("state").GetString());
        Assert.True(json.RootElement.GetProperty("tags")[0].GetProperty("unreadable").GetBoolean());
        var redisCodes = Codes(json, "redis");
        Assert.Contains("redis-unreadable", redisCodes);
        Assert.Contains("tag-unreadable", redisCodes);
    }

    [Fact]
    public async Task Doctor_reports_each_admin_command_the_user_may_not_run_and_skips_its_check()
    {
        await Redis.Admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "limited-doctor", "on", ">limited-pw", "~*", "&*", "+@all", "-info", "-pubsub", "-slowlog");

        var (exit, stdout, stderr) = await RunAsync("doctor", "--redis", $"{Redis.Endpoint},user=limited-doctor,password=limited-pw", "--prefix", Prefix, "--expected-instances", "2", "--json");

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        var refused = json.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("code").GetString() == "command-refused").ToList();
        Assert.All(refused, f => Assert.Equal("info", f.GetProperty("severity").GetString()));
        var summaries = string.Join('\n', refused.Select(f => f.GetProperty("summary").GetString()));
        Assert.Contains("PUBSUB NUMSUB refused", summaries, StringComparison.Ordinal);
        Assert.Contains("INFO refused", summaries, StringComparison.Ordinal);
        Assert.Contains("SLOWLOG GET refused", summaries, StringComparison.Ordinal);
        Assert.Contains(refused, f => f.GetProperty("whatToDo").GetString()!.Contains("+pubsub", StringComparison.Ordinal));
        // Subscribers were not counted, so none are reported missing.
        Assert.False(json.RootElement.TryGetProperty("channelSubscribers", out _));
        Assert.DoesNotContain(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "missing-subscribers");
    }

    [Fact]
    public async Task A_command_Redis_fails_ends_with_one_line_and_exit_3()
    {
        await Redis.Admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "no-scan", "on", ">no-scan-pw", "~*", "&*", "+@all", "-scan");

        var (exit, stdout, stderr) = await RunAsync("doctor", "--redis", $"{Redis.Endpoint},user=no-scan,password=no-scan-pw", "--prefix", Prefix);

        Assert.True(exit == ExitCodes.Unreachable, $"exit {exit}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("cachegen: Redis failed a command: NOPERM", line, StringComparison.Ordinal);
        Assert.DoesNotContain("no-scan-pw", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_doctor_says_so_and_exits_130()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await Cli.RunAsync(["doctor", "--redis", Redis.Endpoint], stdout, stderr, progress: null, cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.Equal(130, exit);
        Assert.Equal("cachegen: cancelled", stderr.ToString().Trim());
    }

    [Fact]
    public async Task Trace_never_prints_the_user_info_of_a_URL()
    {
        using var site = new CannedHttpServer(new Dictionary<string, string> { ["Cache-Control"] = "no-store" });
        var url = $"http://admin:hunter2@127.0.0.1:{site.Address.Port}/?x";

        var (jsonExit, json, jsonErr) = await RunAsync("trace", url, "--json");
        var (textExit, text, textErr) = await RunAsync("trace", url);
        var (closedExit, _, closedErr) = await RunAsync("trace", $"http://admin:hunter2@127.0.0.1:{ClosedPort()}/?x");
        var (badExit, _, badErr) = await RunAsync("trace", "ftp://admin:hunter2@127.0.0.1/");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Unreachable, ExitCodes.Usage), (jsonExit, textExit, closedExit, badExit));
        Assert.Equal($"http://127.0.0.1:{site.Address.Port}/?x", JsonDocument.Parse(json).RootElement.GetProperty("response").GetProperty("url").GetString());
        Assert.Contains($"GET http://127.0.0.1:{site.Address.Port}/?x", text, StringComparison.Ordinal);
        foreach (var output in new[] { json, jsonErr, text, textErr, closedErr, badErr })
        {
            Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Bad Name: s3cret-value")]
    [InlineData("s3cret-value")]
    public async Task A_rejected_header_is_named_without_its_value(string header)
    {
        using var site = new CannedHttpServer(new Dictionary<string, string>());

        var (exit, stdout, stderr) = await RunAsync("trace", site.Address.ToString(), "--header", header);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.DoesNotContain("s3cret-value", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_named_with_key_whose_tags_were_not_read_is_not_called_invalidated()
    {
        var db = Redis.Admin.GetDatabase();
        var freshUntil = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();
        await db.StringSetAsync(CacheGenLayout.TagKey(Prefix, "catalog"), "42", TimeSpan.FromMinutes(10));
        // Stamped with the token of a tag the response does not name (its name is not known here).
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "report:1"), Codec.Encode("v", freshUntil, [7]), TimeSpan.FromMinutes(10));
        using var site = new CannedHttpServer(new Dictionary<string, string> { ["xkey"] = "t:catalog" });

        var (exit, stdout, stderr) = await RunAsync("trace", site.Address.ToString(), "--redis", Redis.Endpoint, "--prefix", Prefix, "--key", "report:1", "--json");

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        var key = json.RootElement.GetProperty("keys")[0];
        Assert.Equal("fresh", key.GetProperty("state").GetString());
        Assert.True(key.GetProperty("unknownTagStamps").GetBoolean());
        var unknown = Assert.Single(Layer(json, "redis").GetProperty("verdicts").EnumerateArray(), v => v.GetProperty("code").GetString() == "tags-unknown");
        Assert.Equal("info", unknown.GetProperty("severity").GetString());
        Assert.Contains("--tag", unknown.GetProperty("whatToDo").GetString(), StringComparison.Ordinal);

        // Named with --tag, the stamp is judged: the tag's token is gone, so the entry is invalidated.
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "report:2"), Codec.Encode("v", freshUntil, [42, 7]), TimeSpan.FromMinutes(10));
        var inspector = new RedisInspector(db, Prefix);
        var tags = await inspector.TagsAsync(["catalog", "pricing"]);
        Assert.Equal("invalidated", Assert.Single(await inspector.KeysAsync(["report:2"], tags)).State);
        var partial = Assert.Single(await inspector.KeysAsync(["report:2"], [tags[0]]));
        Assert.Equal(("fresh", true), (partial.State, partial.UnknownTagStamps));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await Cli.RunAsync(args, stdout, stderr, progress: null, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement Layer(JsonDocument json, string name) =>
        json.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == name);

    private static List<string> Codes(JsonDocument json, string layer) =>
        Layer(json, layer).GetProperty("verdicts").EnumerateArray().Select(v => v.GetProperty("code").GetString()!).ToList();

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
