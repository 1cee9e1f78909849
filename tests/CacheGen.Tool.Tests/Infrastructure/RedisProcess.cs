using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace CacheGen.Tool.Tests.Infrastructure;

/// <summary>
/// A redis-server process of the test class's own, on a free loopback port, without persistence. The tool reads
/// server-wide state (INFO commandstats, SLOWLOG, PUBSUB NUMSUB, CONFIG), so no other test may share the server.
/// </summary>
public sealed class RedisProcess : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>An admin connection for the test's own setup and measurements.</summary>
    public ConnectionMultiplexer Admin { get; private set; } = null!;

    public IServer Server => Admin.GetServer(Admin.GetEndPoints()[0]);

    public async Task InitializeAsync()
    {
        var binary = FindOnPath("redis-server")
            ?? throw new InvalidOperationException("redis-server is not on PATH: these tests need a real Redis (Debian: apt-get install redis-server).");
        Port = FreePort();
        _process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Admin = await ConnectionMultiplexer.ConnectAsync($"{Endpoint},allowAdmin=true,connectTimeout=500,name=test-admin");
                return;
            }
            catch (RedisConnectionException) when (attempt < 40 && !_process.HasExited)
            {
            }
        }
    }

    /// <summary>Empties the server and resets what the tool reads: statistics, slow log, memory settings.</summary>
    public async Task ResetAsync()
    {
        await Server.FlushAllDatabasesAsync();
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory", "0");
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await Server.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "10000");
        await Server.ExecuteAsync("SLOWLOG", "RESET");
        await Server.ExecuteAsync("CONFIG", "RESETSTAT");
    }

    /// <summary>The calls of one command since the last reset (INFO commandstats).</summary>
    public async Task<long> CommandCallsAsync(string command)
    {
        var info = (await Server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        if (!info.TryGetValue("cmdstat_" + command, out var stats))
        {
            return 0;
        }

        var calls = stats.Split(',').First(p => p.StartsWith("calls=", StringComparison.Ordinal));
        return long.Parse(calls["calls=".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Subscribers of a channel, as the server counts them.</summary>
    public async Task<long> SubscribersAsync(string channel)
    {
        var reply = (RedisResult[])(await Server.ExecuteAsync("PUBSUB", "NUMSUB", channel))!;
        return (long)reply[1];
    }

    public async Task DisposeAsync()
    {
        if (Admin is not null)
        {
            await Admin.DisposeAsync();
        }

        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
