using System.Diagnostics;
using Garnet;
using StackExchange.Redis;

namespace CacheGen.Tests.Infrastructure;

/// <summary>
/// A server of a test's own, on a port of its own, that the test can really stop and start: Garnet in process by
/// default, Debian's redis-server when the run targets it (CACHEGEN_REDIS_SERVER names the binary).
/// </summary>
public sealed class DedicatedServer : IDisposable
{
    private GarnetServer? _garnet;
    private Process? _process;
    private string? _dir;

    private DedicatedServer(int port) => Port = port;

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static string Kind => RedisServerBinary is null ? "Garnet in process" : "redis-server";

    private static string? RedisServerBinary =>
        Environment.GetEnvironmentVariable("CACHEGEN_REDIS_SERVER") is { Length: > 0 } path ? path
        : Environment.GetEnvironmentVariable(RedisServerFixture.StandaloneVariable) is { Length: > 0 } ? "redis-server"
        : null;

    public static async Task<DedicatedServer> StartAsync(int? port = null)
    {
        var server = new DedicatedServer(port ?? RedisServerFixture.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again): empty, or for a redis-server process, from the snapshot <see cref="SaveAsync"/> took.</summary>
    public async Task StartAgainAsync(bool fromSnapshot = false)
    {
        if (RedisServerBinary is { } binary)
        {
            _dir ??= Directory.CreateTempSubdirectory("cachegen-redis-").FullName;
            if (!fromSnapshot)
            {
                File.Delete(Path.Combine(_dir, "dump.rdb"));
            }

            _process = Process.Start(new ProcessStartInfo(binary)
            {
                ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _dir, "--dbfilename", "dump.rdb" },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            _process.OutputDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
        }
        else
        {
            _garnet = RedisServerFixture.StartGarnet(Port);
        }

        // Ready when it answers.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync($"{Endpoint},connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (attempt < 40)
            {
            }
        }
    }

    /// <summary>A redis-server process writes a snapshot of its data now (SAVE), for <see cref="StartAgainAsync"/>.</summary>
    public async Task SaveAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(Endpoint + ",allowAdmin=true");
        await admin.GetDatabase().ExecuteAsync("SAVE");
    }

    /// <summary>Whether this is a redis-server process (which can be paused), not Garnet in process.</summary>
    public bool IsProcess => _process is not null;

    /// <summary>SIGSTOP: the server keeps its connections open and answers nothing until <see cref="Resume"/>.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>SIGCONT.</summary>
    public void Resume() => Signal("-CONT");

    private void Signal(string signal)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("only a redis-server process can be paused");
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Stop()
    {
        if (_process is { } process)
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
            _process = null;
        }

        _garnet?.Dispose();
        _garnet = null;
    }

    public void Dispose()
    {
        Stop();
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
