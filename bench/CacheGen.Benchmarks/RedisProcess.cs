using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CacheGen.Benchmarks;

/// <summary>Debian's redis-server on a free loopback port, started and stopped by the benchmark itself.</summary>
public sealed class RedisProcess : IDisposable
{
    private readonly Process _process;

    public RedisProcess()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _process = Process.Start(new ProcessStartInfo(Environment.GetEnvironmentVariable("CACHEGEN_REDIS_SERVER") ?? "redis-server")
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start; install Debian's redis-server or set CACHEGEN_REDIS_SERVER");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException("redis-server did not answer on port " + Port);
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
