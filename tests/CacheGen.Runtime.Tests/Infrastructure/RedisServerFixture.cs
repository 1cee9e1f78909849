using System.Net;
using System.Net.Sockets;
using CacheGen;
using Garnet;
using StackExchange.Redis;

namespace CacheGen.Tests.Infrastructure;

/// <summary>
/// The Redis-protocol server of the test run: Microsoft Garnet started in process by default, or the server named by
/// <c>CACHEGEN_TEST_REDIS</c> (host:port). Every test isolates itself with its own key prefix and channel.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public const string StandaloneVariable = "CACHEGEN_TEST_REDIS";
    public const string ClusterVariable = "CACHEGEN_TEST_REDIS_CLUSTER";

    private GarnetServer? _garnet;
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>host:port of the standalone server.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>"garnet (in process)" or "redis-server at host:port".</summary>
    public string Description { get; private set; } = "";

    /// <summary>Comma-separated cluster endpoints, or null when no cluster is configured.</summary>
    public static string? ClusterEndpoints => Environment.GetEnvironmentVariable(ClusterVariable) is { Length: > 0 } value ? value : null;

    public async Task InitializeAsync()
    {
        // The in-process server shares this process's thread pool with 500-caller tests; on two cores the pool's
        // slow thread injection (about one thread per 500 ms) would show up as latency that is not CacheGen's.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));

        var external = Environment.GetEnvironmentVariable(StandaloneVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            Endpoint = external;
            Description = $"external server at {external}";
        }
        else
        {
            var port = FreePort();
            _garnet = StartGarnet(port);
            Endpoint = $"127.0.0.1:{port}";
            Description = $"Garnet in process at {Endpoint}";
        }

#pragma warning disable CG1007 // a one-off readiness probe at fixture start, not a connection per request
        await using var probe = await ConnectionMultiplexer.ConnectAsync(Endpoint + ",allowAdmin=true");
#pragma warning restore CG1007
        await probe.GetDatabase().PingAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var item in _owned)
        {
            await item.DisposeAsync();
        }

        _garnet?.Dispose();
    }

    public static GarnetServer StartGarnet(int port)
    {
        var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "--lua-transaction-mode", "true", "--memory", "128m", "--index", "16m", "--logger-level", "Warning"]);
        server.Start();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A plain connection for direct inspection (allowAdmin).</summary>
    public async Task<IConnectionMultiplexer> ConnectAsync(string? endpoint = null)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync((endpoint ?? Endpoint) + ",allowAdmin=true");
        lock (_owned)
        {
            _owned.Add(connection);
        }

        return connection;
    }

    /// <summary>
    /// Options for one test: a unique key prefix and channel so tests cannot see each other's keys or messages.
    /// </summary>
    public static CacheGenOptions NewOptions(string endpoint, string testName)
    {
        var scope = $"{testName}-{Guid.NewGuid():N}";
        return new CacheGenOptions
        {
            Redis = endpoint,
            KeyPrefix = $"t:{scope}:",
            InvalidationChannel = $"inv:{scope}",
        };
    }
}

[CollectionDefinition(Name)]
public sealed class RedisServerGroup : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
