using System.Net;
using System.Net.Sockets;

namespace CacheGen.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder in front of the real server that can cut every connection and refuse new ones, then come
/// back on the same port: an outage as the client sees it, while the server keeps its data (so a test can check that
/// an invalidation issued during the outage is applied afterwards). Also used by the fault harness in bench/.
/// </summary>
public sealed class TcpOutageProxy : IAsyncDisposable
{
    private readonly IPEndPoint _backend;
    private readonly List<Socket> _sockets = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();
    private TaskCompletionSource _held = CompletedHold();
    private volatile TaskCompletionSource _flowing = CompletedHold();

    private TcpOutageProxy(IPEndPoint backend, int port)
    {
        _backend = backend;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static TcpOutageProxy Start(string backendEndpoint)
    {
        var parts = backendEndpoint.Split(':');
        var proxy = new TcpOutageProxy(new IPEndPoint(IPAddress.Parse(parts[0] == "localhost" ? "127.0.0.1" : parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)), FreePort());
        proxy.Restore();
        return proxy;
    }

    /// <summary>Closes every connection and stops listening: connects are refused until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                try
                {
                    socket.Close(0);
                }
                catch (ObjectDisposedException)
                {
                }
            }

            _sockets.Clear();
        }
    }

    public void Restore()
    {
        _cut = new CancellationTokenSource();
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener, _cut.Token);
    }

    /// <summary>
    /// Accepted connections wait before anything is forwarded, until <see cref="Forward"/>: a server that is slow to
    /// answer the first connection, so a client is deterministically still connecting.
    /// </summary>
    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets held connections through.</summary>
    public void Forward() => _held.TrySetResult();

    /// <summary>
    /// Connections stay open but nothing gets through in either direction until <see cref="Unstall"/>, which delivers
    /// what waited, in order: a paused server (SIGSTOP) or a network partition as this client sees it.
    /// </summary>
    public void Stall() => _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends a <see cref="Stall"/>.</summary>
    public void Unstall() => _flowing.TrySetResult();

    public ValueTask DisposeAsync()
    {
        Unstall();
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cut);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await backend.ConnectAsync(_backend, cut);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                client.Close(0);
                backend.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(backend);
            }

            var held = _held.Task;
            _ = Task.Run(async () =>
            {
                await held;
                _ = PumpAsync(client, backend, this, cut);
                _ = PumpAsync(backend, client, this, cut);
            }, cut);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static TaskCompletionSource CompletedHold()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private static async Task PumpAsync(Socket from, Socket to, TcpOutageProxy proxy, CancellationToken cut)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cut);
                if (read == 0)
                {
                    break;
                }

                await proxy._flowing.Task.WaitAsync(cut);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cut);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        try
        {
            from.Close(0);
            to.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
