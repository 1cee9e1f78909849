using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CacheGen.Tool.Tests.Infrastructure;

/// <summary>An HTTP server on a free loopback port that answers every GET with the same status, headers and body.</summary>
public sealed class CannedHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public CannedHttpServer(IReadOnlyDictionary<string, string> headers, string body = "ok")
    {
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = ServeAsync(headers, Encoding.UTF8.GetBytes(body));
    }

    public Uri Address { get; }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait();
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync(IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            foreach (var (name, value) in headers)
            {
                context.Response.AddHeader(name, value);
            }

            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
