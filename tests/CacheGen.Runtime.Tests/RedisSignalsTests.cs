using System.Net.Sockets;
using System.Text;
using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CacheGen.Tests;

/// <summary>
/// The Redis server's own signals (INFO, SLOWLOG) as instruments of the CacheGen meter, sampled by one instance at a
/// time. Each test has a server of its own: it blocks clients and runs KEYS, which no other test should see.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisSignalsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Blocked_clients_memory_traffic_and_KEYS_in_the_slow_log_are_reported_per_server()
    {
        using var server = await DedicatedServer.StartAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.Endpoint + ",allowAdmin=true");
        await using var set = await EngineSet.StartAsync(server.Endpoint, 0);
        using var logs = new ListLogger();
        var engine = await set.AddAsync(Sampled, loggerFactory: logs);
        using var metrics = new MetricCollector(engine);
        var method = Cached.Method<string>(engine, new CachePolicy("sig:{id}", ttlSeconds: 60));
        Assert.Equal("v", await method.GetAsync("1", () => "v"));
        Assert.Equal("v", await method.GetAsync("1", () => "not loaded"));
        var name = server.Endpoint;

        if (!server.IsProcess)
        {
            // Garnet reports operations per second and has a slow log, but none of Redis' client, memory, eviction and
            // keyspace statistics (documented): those instruments have no measurement rather than a made-up one.
            Assert.True(await engine.SampleSignalsOnceAsync());
            metrics.CollectObservables();
            Log(metrics);
            Assert.Equal(1, metrics.Count("cachegen.redis.operations.rate"));
            Assert.Equal(0, metrics.Sum("cachegen.redis.slowlog.keys", ("server", name)));
            Assert.Equal(1, metrics.Count("cachegen.redis.slowlog.keys"));
            foreach (var absent in new[] { "clients.blocked", "memory.used", "memory.limit", "keys.evicted", "keyspace.hits", "keyspace.misses" })
            {
                Assert.Equal(0, metrics.Count("cachegen.redis." + absent));
            }

            return;
        }

        await admin.GetDatabase().ExecuteAsync("CONFIG", "SET", "maxmemory", "64mb");
        var successor = await set.AddAsync(Sampled); // started before the KEYS below: only the fleet's mark keeps it from counting it

        // Quiet: nobody blocked, no KEYS.
        Assert.True(await engine.SampleSignalsOnceAsync());
        metrics.CollectObservables();
        Log(metrics);
        Assert.True(metrics.Sum("cachegen.redis.memory.used", ("server", name)) > 0);
        Assert.Equal(64 * 1024 * 1024, metrics.Sum("cachegen.redis.memory.limit", ("server", name)));
        Assert.True(metrics.Sum("cachegen.redis.keyspace.hits", ("server", name)) >= 1);
        Assert.Equal(1, metrics.Count("cachegen.redis.keyspace.misses"));
        Assert.Equal(1, metrics.Count("cachegen.redis.keys.evicted"));
        Assert.Equal(1, metrics.Count("cachegen.redis.operations.rate"));
        Assert.Equal(0, metrics.Sum("cachegen.redis.clients.blocked", ("server", name)));
        Assert.Equal(1, metrics.Count("cachegen.redis.clients.blocked"));
        Assert.Equal(0, metrics.Sum("cachegen.redis.slowlog.keys", ("server", name)));
        Assert.Equal(1, metrics.Count("cachegen.redis.slowlog.keys"));

        // A client blocked in BLPOP, and a KEYS command by a named client (logged: every command is slow enough now).
        using var blocked = await RawClient.ConnectAsync(server.Port);
        await blocked.SendAsync("CLIENT", "SETNAME", "blocking-worker");
        await blocked.SendAndForgetAsync("BLPOP", "sig:queue", "0");
        await admin.GetDatabase().ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "0");
        using var careless = await RawClient.ConnectAsync(server.Port);
        await careless.SendAsync("CLIENT", "SETNAME", "report-job");
        await careless.SendAsync("KEYS", "*");
        await WaitUntilBlockedAsync(admin, server);

        metrics.Clear();
        Assert.True(await engine.SampleSignalsOnceAsync());
        metrics.CollectObservables();
        Log(metrics);
        Assert.Equal(1, metrics.Sum("cachegen.redis.clients.blocked", ("server", name)));
        Assert.Equal(1, metrics.Sum("cachegen.redis.slowlog.keys", ("server", name)));
        var warning = Assert.Single(logs.At(Microsoft.Extensions.Logging.LogLevel.Warning), m => m.Contains("KEYS", StringComparison.Ordinal));
        Assert.Contains("client report-job at 127.0.0.1:", warning, StringComparison.Ordinal);
        Assert.Contains(name, warning, StringComparison.Ordinal);

        // Counted once: the next sample finds no new KEYS entry, and neither does an instance that takes over sampling.
        metrics.Clear();
        Assert.True(await engine.SampleSignalsOnceAsync());
        metrics.CollectObservables();
        Assert.Equal(1, metrics.Sum("cachegen.redis.slowlog.keys", ("server", name)));
        using var successorMetrics = new MetricCollector(successor);
        await engine.DisposeAsync();
        Assert.True(await successor.SampleSignalsOnceAsync());
        successorMetrics.CollectObservables();
        Assert.Equal(0, successorMetrics.Sum("cachegen.redis.slowlog.keys", ("server", name)));
        Assert.Equal(1, successorMetrics.Count("cachegen.redis.slowlog.keys"));
    }

    [ClusterFact]
    public async Task On_a_cluster_every_primary_is_sampled_under_its_own_server_tag()
    {
        await using var set = await EngineSet.StartAsync(RedisServerFixture.ClusterEndpoints!, 1, Sampled);
        using var metrics = new MetricCollector(set[0]);
        Assert.True(await set[0].SampleSignalsOnceAsync());
        metrics.CollectObservables();
        var servers = metrics.All.Where(m => m.Instrument == "cachegen.redis.memory.used").Select(m => m.Tags["server"]).ToList();
        var primaries = set[0].Connection!.GetServers().Where(s => !s.IsReplica).Select(s => s.EndPoint.ToString()).ToList();
        Assert.Equal(primaries.Count, servers.Distinct().Count());
        Assert.Equal(primaries.Count, servers.Count);
        Assert.True(primaries.Count >= 3, $"a cluster of {primaries.Count} primaries");
    }

    [Fact]
    public async Task One_instance_samples_at_a_time_and_another_takes_over_when_its_lease_is_gone()
    {
        using var server = await DedicatedServer.StartAsync();
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, Sampled);
        using var first = new MetricCollector(set[0]);
        using var second = new MetricCollector(set[1]);

        var sampled = new[] { await set[0].SampleSignalsOnceAsync(), await set[1].SampleSignalsOnceAsync() };
        Assert.Equal([true, false], sampled);
        Assert.True(await set[0].SampleSignalsOnceAsync()); // renews its lease
        Assert.False(await set[1].SampleSignalsOnceAsync());
        first.CollectObservables();
        second.CollectObservables();
        Assert.Equal(1, first.Count("cachegen.redis.operations.rate"));
        Assert.Equal(0, second.Count("cachegen.redis.operations.rate"));

        // The sampling instance shuts down and hands its lease back: the other samples at its next period.
        await set[0].DisposeAsync();
        Assert.True(await set[1].SampleSignalsOnceAsync());
        second.CollectObservables();
        Assert.Equal(1, second.Count("cachegen.redis.operations.rate"));

        // One that dies keeps its lease until it expires (deleted here rather than waited for); then a third takes
        // over, and the one that lost the lease stops reporting the server.
        var third = await set.AddAsync(Sampled);
        Assert.False(await third.SampleSignalsOnceAsync());
        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        Assert.True(await direct.GetDatabase().KeyDeleteAsync(third.SamplerLeaseKey));
        Assert.True(await third.SampleSignalsOnceAsync());
        Assert.False(await set[1].SampleSignalsOnceAsync());
        second.Clear();
        second.CollectObservables();
        Assert.Equal(0, second.Count("cachegen.redis.operations.rate"));
    }

    [Fact]
    public async Task With_every_instance_sampling_each_reports_and_without_the_option_there_are_no_server_instruments()
    {
        using var server = await DedicatedServer.StartAsync();
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, o => o.RedisSignals = new RedisSignalsOptions { Enabled = true, EveryInstance = true, Period = TimeSpan.FromHours(1) });
        Assert.True(await set[0].SampleSignalsOnceAsync());
        Assert.True(await set[1].SampleSignalsOnceAsync());

        var off = await set.AddAsync(o => o.RedisSignals.Enabled = false);
        using var metrics = new MetricCollector(off);
        Assert.False(await off.SampleSignalsOnceAsync());
        metrics.CollectObservables();
        Assert.DoesNotContain(metrics.All, m => m.Instrument.StartsWith("cachegen.redis.", StringComparison.Ordinal));
        Assert.Equal(1, metrics.Count("cachegen.invalidations.queue.length")); // the engine's own gauges are always there
    }

    [RedisProcessFact]
    public async Task A_user_the_server_does_not_let_read_INFO_gets_one_warning_and_no_measurement()
    {
        using var server = await DedicatedServer.StartAsync();
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(server.Endpoint + ",allowAdmin=true"))
        {
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "shop", "on", ">shop-pw", "~*", "&*", "+@all", "-info", "-slowlog");
        }

        await using var set = await EngineSet.StartAsync(server.Endpoint + ",user=shop,password=shop-pw", 0);
        using var logs = new ListLogger();
        var engine = await set.AddAsync(Sampled, loggerFactory: logs);
        using var metrics = new MetricCollector(engine);
        Assert.Equal("v", await Cached.Method<string>(engine, new CachePolicy("acl:{id}", ttlSeconds: 60)).GetAsync("1", () => "v"));

        Assert.False(await engine.SampleSignalsOnceAsync());
        Assert.False(await engine.SampleSignalsOnceAsync());
        metrics.CollectObservables();
        Assert.DoesNotContain(metrics.All, m => m.Instrument.StartsWith("cachegen.redis.", StringComparison.Ordinal));
        var warning = Assert.Single(logs.At(Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.Contains("+info +slowlog", warning, StringComparison.Ordinal);
    }

    [RedisProcessFact]
    public async Task A_KEYS_after_the_server_restarted_is_counted_although_the_slow_log_ids_started_again()
    {
        using var server = await DedicatedServer.StartAsync();
        await using var set = await EngineSet.StartAsync(server.Endpoint, 0);
        using var logs = new ListLogger();
        var engine = await set.AddAsync(Sampled, loggerFactory: logs);
        using var metrics = new MetricCollector(engine);

        async Task RunKeysAsync()
        {
            await using (var admin = await ConnectionMultiplexer.ConnectAsync(server.Endpoint + ",allowAdmin=true"))
            {
                await admin.GetDatabase().ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "0");
                for (var i = 0; i < 20; i++)
                {
                    await admin.GetDatabase().PingAsync(); // entries of their own: the ids before the restart run higher than after
                }
            }

            using (var careless = await RawClient.ConnectAsync(server.Port))
            {
                await careless.SendAsync("KEYS", "*");
            }

            // Only those: the commands of the reconnecting clients and of the sampler must not push it out of the log.
            await using var restore = await ConnectionMultiplexer.ConnectAsync(server.Endpoint + ",allowAdmin=true");
            await restore.GetDatabase().ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "10000000");
        }

        async Task<double> KeysCountedAsync()
        {
            for (var attempt = 0; !await engine.SampleSignalsOnceAsync(); attempt++)
            {
                Assert.True(attempt < 200, "the engine never sampled the restarted server");
                await Task.Delay(50); // reconnecting: poll the condition, not a duration
            }

            metrics.Clear();
            metrics.CollectObservables();
            return metrics.Sum("cachegen.redis.slowlog.keys", ("server", server.Endpoint));
        }

        await RunKeysAsync();
        Assert.Equal(1, await KeysCountedAsync());

        // Restarted from a snapshot: the fleet's mark survives, the slow log (and its ids) does not.
        await server.SaveAsync();
        server.Stop();
        await server.StartAgainAsync(fromSnapshot: true);
        await RunKeysAsync();
        Assert.Equal(2, await KeysCountedAsync());
        Assert.Equal(2, logs.At(Microsoft.Extensions.Logging.LogLevel.Warning).Count(m => m.Contains("logged a KEYS command", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_sampling_period_under_a_second_is_refused_with_the_setting_named()
    {
        var options = new CacheGenOptions { Redis = "localhost", RedisSignals = { Enabled = true, Period = TimeSpan.FromMilliseconds(100) } };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CacheEngine(options));
        Assert.Contains("CacheGen:RedisSignals:Period", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Critical_keyspaces_and_the_invalidation_queue_are_gauges()
    {
        using var server = await DedicatedServer.StartAsync();
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o =>
        {
            o.Keyspaces["revenue"] = new KeyspaceOptions { Critical = true };
            o.Keyspaces["catalog"] = new KeyspaceOptions { TtlSeconds = 60 };
            o.BreakDuration = TimeSpan.FromSeconds(30);
            o.OperationTimeout = TimeSpan.FromMilliseconds(300);
        });
        var engine = set[0];
        using var metrics = new MetricCollector(engine);
        metrics.CollectObservables();
        Assert.Equal(1, metrics.Sum("cachegen.keyspace.critical", ("keyspace", "revenue")));
        Assert.Equal(1, metrics.Count("cachegen.keyspace.critical"));
        Assert.Equal(0, metrics.Sum("cachegen.invalidations.queue.length"));

        server.Stop();
        await engine.InvalidateAsync("revenue:2026:1");
        await engine.InvalidateAsync("revenue:2026:2");
        metrics.Clear();
        metrics.CollectObservables();
        Assert.Equal(2, metrics.Sum("cachegen.invalidations.queue.length"));
    }

    /// <summary>Sampling on, at a period no test outlives: the tests sample when they choose (SampleSignalsOnceAsync).</summary>
    private static void Sampled(CacheGenOptions options) => options.RedisSignals = new RedisSignalsOptions { Enabled = true, Period = TimeSpan.FromHours(1) };

    /// <summary>Until the server counts the BLPOP client as blocked (it was sent without waiting for an answer).</summary>
    private static async Task WaitUntilBlockedAsync(ConnectionMultiplexer admin, DedicatedServer server)
    {
        var endpoint = admin.GetServer(server.Endpoint);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var clients = (await endpoint.InfoAsync("clients")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
            if (clients.TryGetValue("blocked_clients", out var count) && count != "0")
            {
                return;
            }

            await Task.Yield();
        }

        Assert.Fail("the BLPOP client never showed as blocked");
    }

    private void Log(MetricCollector metrics)
    {
        foreach (var m in metrics.All.Where(m => m.Instrument.StartsWith("cachegen.redis.", StringComparison.Ordinal)))
        {
            output.WriteLine($"{m.Instrument} {m.Value} {string.Join(",", m.Tags.Select(t => $"{t.Key}={t.Value}"))}");
        }
    }

    /// <summary>A plain RESP connection, for what a multiplexer cannot send (a blocking BLPOP) or should not (KEYS).</summary>
    private sealed class RawClient : IDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;

        private RawClient(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
        }

        public static async Task<RawClient> ConnectAsync(int port)
        {
            var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return new RawClient(client);
        }

        public async Task SendAndForgetAsync(params string[] command)
        {
            var text = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
            foreach (var part in command)
            {
                text.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
            }

            await _stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()));
        }

        /// <summary>Sends and reads the first chunk of the answer (enough to know the server ran it).</summary>
        public async Task SendAsync(params string[] command)
        {
            await SendAndForgetAsync(command);
            var buffer = new byte[4096];
            Assert.True(await _stream.ReadAsync(buffer) > 0);
        }

        public void Dispose()
        {
            _stream.Dispose();
            _client.Dispose();
        }
    }
}
