using System.Net.Sockets;
using System.Text;
using CacheGen.Internals;
using CacheGen.Tool.Doctor;
using CacheGen.Tool.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CacheGen.Tool.Tests;

public sealed class DoctorTests(RedisProcess redis, ITestOutputHelper output) : RedisTest(redis)
{
    private const string Prefix = "shop:";
    private static readonly CachedValueCodec Codec = new(new SystemTextJsonCacheSerializer());

    [Fact]
    public async Task Finds_each_problem_of_a_seeded_keyspace()
    {
        await using var engines = new Engines(Redis.Endpoint, Prefix);
        var engine = await engines.AddAsync();
        await Engines.FillAsync(engine, "revenue", 30);
        await Engines.FillAsync(engine, "product", 30, tags: ["catalog"]);
        var db = Redis.Admin.GetDatabase();

        // Orphans: CacheGen-shaped keys without a TTL.
        for (var i = 0; i < 3; i++)
        {
            await db.StringSetAsync($"{Prefix}{{orphan:{i}}}", "left behind");
        }

        // 50 keys written together with one fixed TTL: they expire in the same second.
        var batch = db.CreateBatch();
        var writes = Enumerable.Range(0, 50).Select(i => batch.StringSetAsync($"{Prefix}promo:{i}", "x", TimeSpan.FromSeconds(900))).ToArray();
        batch.Execute();
        await Task.WhenAll(writes);

        // A lease without a TTL, and one that outlives the lease TTL.
        await db.StringSetAsync(CacheGenLayout.LeaseKey(Prefix, "revenue:99"), LeaseScripts.NewToken());
        await db.StringSetAsync(CacheGenLayout.LeaseKey(Prefix, "revenue:98"), LeaseScripts.NewToken(), TimeSpan.FromMinutes(10));

        // A 2 MB value, and a value past its stale window that something kept alive.
        var now = DateTimeOffset.UtcNow;
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "report:big"), Codec.Encode(new string('x', 2_000_000), now.AddMinutes(10).ToUnixTimeMilliseconds()), TimeSpan.FromMinutes(20));
        await db.StringSetAsync(CacheGenLayout.ValueKey(Prefix, "report:old"), Codec.Encode("old", now.AddHours(-2).ToUnixTimeMilliseconds()), TimeSpan.FromDays(1));

        // A KEYS call in the slow log, made by a named client.
        await Redis.Server.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "0");
        await using (var job = await ConnectionMultiplexer.ConnectAsync($"{Redis.Endpoint},name=nightly-report,allowAdmin=true"))
        {
            await job.GetServer(job.GetEndPoints()[0]).ExecuteAsync("KEYS", "*");
        }

        await Redis.Server.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "10000");

        // A memory limit that refuses writes instead of evicting, and a client blocked on a list.
        await Redis.Server.ExecuteAsync("CONFIG", "SET", "maxmemory", "512mb");
        using var blocked = await BlockAClientAsync();

        var report = await new DoctorRunner(new DoctorOptions { Redis = Redis.Endpoint, Prefix = Prefix, ExpectedInstances = 3 }).RunAsync();
        Print(report);

        var codes = report.Findings.Select(f => f.Code).ToHashSet();
        Assert.Equal(["big-keys", "blocked-clients", "foreign-values", "keys-in-slowlog", "leases-outliving-ttl", "missing-subscribers", "noeviction", "orphan-keys", "stale-past-window", "stuck-leases", "synchronized-expiry"],
            codes.Where(c => report.Findings.First(f => f.Code == c).Severity >= Severity.Warning).Order(StringComparer.Ordinal));
        Assert.Equal(["shop:{orphan:0}", "shop:{orphan:1}", "shop:{orphan:2}"], Find(report, "orphan-keys").Examples!.Order(StringComparer.Ordinal));
        Assert.Equal(["shop:{revenue:99}:lease"], Find(report, "stuck-leases").Examples);
        Assert.StartsWith("shop:{revenue:98}:lease", Assert.Single(Find(report, "leases-outliving-ttl").Examples!), StringComparison.Ordinal);
        Assert.StartsWith("shop:{report:big}", Assert.Single(Find(report, "big-keys").Examples!), StringComparison.Ordinal);
        Assert.StartsWith("shop:{report:old}", Assert.Single(Find(report, "stale-past-window").Examples!), StringComparison.Ordinal);
        Assert.Contains("KEYS * from 127.0.0.1:", Assert.Single(Find(report, "keys-in-slowlog").Examples!), StringComparison.Ordinal);
        Assert.Contains("(nightly-report)", Find(report, "keys-in-slowlog").Examples![0], StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, Find(report, "keys-in-slowlog").Severity); // an old entry stays until SLOWLOG RESET
        Assert.Matches(@"\(\d+ s ago\)", Find(report, "keys-in-slowlog").Examples![0]);
        Assert.Contains("SLOWLOG RESET clears the log", Find(report, "keys-in-slowlog").WhatToDo, StringComparison.Ordinal);
        var cluster = Assert.Single(report.ExpiryClusters);
        Assert.Equal(50, cluster.Keys);
        Assert.Equal(1, report.ChannelSubscribers);
        Assert.Equal(60, report.KeysByKind["value"] - 5); // 60 entries, 3 orphans and 2 seeded values
        Assert.Equal(report.Sample.KeysExamined, Assert.Single(report.Servers).KeysExamined);
        Assert.Equal(report.Sample.ScanCalls, report.Servers[0].ScanCalls);
        Assert.Equal(ExitCodes.Findings, ExitCodes.For(report.Findings));
    }

    [Fact]
    public async Task Finds_nothing_on_a_keyspace_CacheGen_wrote()
    {
        await using var engines = new Engines(Redis.Endpoint, Prefix);
        var engine = await engines.AddAsync();
        await Engines.FillAsync(engine, "revenue", 100);
        await Engines.FillAsync(engine, "product", 100, ttlSeconds: 120, tags: ["catalog"]);
        // 1,000 entries written in one burst with a one-minute TTL: jitter (10 %) spreads them over 12 s, about 80 a
        // second — many per second, but no second stands out from its neighbours.
        await Engines.FillAsync(engine, "price", 1_000, ttlSeconds: 60);

        var report = await new DoctorRunner(new DoctorOptions { Redis = Redis.Endpoint, Prefix = Prefix, ExpectedInstances = 1 }).RunAsync();
        Print(report);

        Assert.DoesNotContain(report.Findings, f => f.Severity >= Severity.Warning);
        Assert.Equal(1_200, report.KeysByKind["value"]);
        Assert.Equal(1, report.KeysByKind["tag"]);
        Assert.True(report.Sample.Complete);
        Assert.Empty(report.ExpiryClusters);
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(report.Findings));
    }

    [Fact]
    public async Task Scan_calls_are_bounded_and_counted_and_KEYS_is_never_used()
    {
        var db = Redis.Admin.GetDatabase();
        var random = new Random(7);
        var batch = db.CreateBatch();
        var writes = Enumerable.Range(0, 10_000)
            .Select(i => batch.StringSetAsync(i % 2 == 0 ? $"{Prefix}{{k:{i}}}" : $"other:{i}", "x", TimeSpan.FromMilliseconds(random.Next(3_000_000, 4_000_000))))
            .ToArray();
        batch.Execute();
        await Task.WhenAll(writes);

        // A sample smaller than the keyspace: the budget stops the walk.
        var scansBefore = await Redis.CommandCallsAsync("scan");
        var keysBefore = await Redis.CommandCallsAsync("keys");
        var options = new DoctorOptions { Redis = Redis.Endpoint, Prefix = Prefix, Sample = 1_000, ScanCount = 100 };
        var partial = await new DoctorRunner(options).RunAsync();
        var partialCalls = await Redis.CommandCallsAsync("scan") - scansBefore;
        output.WriteLine($"sample 1,000 of 5,000 matching keys (10,000 in all), COUNT 100: {partialCalls} SCAN calls (budget {options.ScanCallBudget}), {partial.Sample.KeysExamined} keys examined");
        Assert.Equal(partialCalls, partial.Sample.ScanCalls);
        Assert.InRange(partialCalls, 1, options.ScanCallBudget);
        Assert.Equal(30, options.ScanCallBudget);
        Assert.Equal(1_000, partial.Sample.KeysExamined);
        Assert.False(partial.Sample.Complete);

        // A budget smaller than the sample needs: the walk stops at the budget.
        scansBefore = await Redis.CommandCallsAsync("scan");
        var budgeted = await new DoctorRunner(options with { MaxScanCalls = 5 }).RunAsync();
        Assert.Equal(5, await Redis.CommandCallsAsync("scan") - scansBefore);
        Assert.Equal(5, budgeted.Sample.ScanCalls);
        Assert.InRange(budgeted.Sample.KeysExamined, 1, 999);
        Assert.False(budgeted.Sample.Complete);

        // The default sample covers all 5,000: one walk of the keyspace at COUNT 1,000.
        scansBefore = await Redis.CommandCallsAsync("scan");
        var full = await new DoctorRunner(new DoctorOptions { Redis = Redis.Endpoint, Prefix = Prefix }).RunAsync();
        var fullCalls = await Redis.CommandCallsAsync("scan") - scansBefore;
        output.WriteLine($"default sample over 10,000 keys (5,000 matching), COUNT 1,000: {fullCalls} SCAN calls, {full.Sample.KeysExamined} keys examined, complete: {full.Sample.Complete}");
        Assert.Equal(fullCalls, full.Sample.ScanCalls);
        Assert.InRange(fullCalls, 1, full.Sample.ScanCallBudget);
        Assert.Equal(5_000, full.Sample.KeysExamined);
        Assert.True(full.Sample.Complete);

        Assert.Equal(keysBefore, await Redis.CommandCallsAsync("keys"));
    }

    private static Finding Find(DoctorReport report, string code) => report.Findings.Single(f => f.Code == code);

    private void Print(DoctorReport report)
    {
        var text = new StringWriter();
        DoctorText.Write(text, report);
        output.WriteLine(text.ToString());
    }

    [Theory]
    [InlineData(10, 3, new[] { 4, 3, 3 })]
    [InlineData(2, 3, new[] { 1, 1, 0 })]
    [InlineData(10_000, 1, new[] { 10_000 })]
    [InlineData(22, 4, new[] { 6, 6, 5, 5 })]
    public void The_sample_and_the_SCAN_calls_are_split_evenly_over_the_primaries_remainder_first(int total, int primaries, int[] shares)
    {
        Assert.Equal(shares, DoctorRunner.Split(total, primaries));
        Assert.Equal(total, DoctorRunner.Split(total, primaries).Sum());
    }

    // BLPOP on a raw socket (StackExchange.Redis multiplexes and would not block a connection of its own), then waits
    // until the server counts the client as blocked.
    private async Task<Socket> BlockAClientAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, Redis.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes("*3\r\n$5\r\nBLPOP\r\n$9\r\nnever-fed\r\n$1\r\n0\r\n"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var info = (await Redis.Server.InfoAsync("clients")).SelectMany(g => g).Single(p => p.Key == "blocked_clients");
            if (info.Value != "0")
            {
                return socket;
            }

            await Task.Yield();
        }

        throw new TimeoutException("The server never counted the BLPOP client as blocked.");
    }
}
