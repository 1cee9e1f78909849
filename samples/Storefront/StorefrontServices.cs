using System.Net;
using System.Net.Sockets;
using CacheGen;
using CacheGen.AspNetCore;
using Garnet;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront;

/// <summary>Where the sample's data and Redis come from.</summary>
public static class StorefrontServices
{
    /// <summary>The SQLite file, beside the app unless STOREFRONT_DB names another.</summary>
    public static string DatabasePath =>
        Environment.GetEnvironmentVariable("STOREFRONT_DB") ?? Path.Combine(AppContext.BaseDirectory, "storefront.db");

    /// <summary>
    /// The Redis to use: ConnectionStrings:Redis or REDIS when set; otherwise Garnet started in process on a loopback port
    /// (with atomic Lua, which CacheGen's lease protocol needs).
    /// </summary>
    public static (string Endpoint, IDisposable? Server) Redis(IConfiguration configuration, Action<string> say)
    {
        var configured = configuration.GetConnectionString("Redis") ?? Environment.GetEnvironmentVariable("REDIS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            say($"Using Redis at {configured}.");
            return (configured, null);
        }

        var port = FreePort();
        var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "--lua-transaction-mode", "true", "--memory", "128m", "--index", "16m", "--logger-level", "Warning"]);
        server.Start();
        say($"No Redis configured (ConnectionStrings:Redis or REDIS): started Garnet in process at 127.0.0.1:{port}.");
        return ($"127.0.0.1:{port}", server);
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>One application instance's services: the database, CacheGen on the given Redis, the cached repository.</summary>
    public static IServiceCollection AddStorefront(this IServiceCollection services, string redis, QueryCounter counter) =>
        services
            .AddSingleton(counter)
            .AddDbContext<ShopDb>(o => o.UseSqlite($"Data Source={DatabasePath}"))
            .AddCacheGen(o =>
            {
                o.Redis = redis;
                o.KeyPrefix = "storefront:";

                // The Redis server's own signals (blocked clients, memory, KEYS in the slow log) on /metrics, sampled
                // by one instance at a time; the revenue reports are the keyspace the alert rules page for.
                o.RedisSignals.Enabled = true;
                o.Keyspaces["revenue"] = new KeyspaceOptions { Critical = true };
            })
            .AddCached<IProductRepository, ProductRepository>(ServiceLifetime.Scoped)
            .Services
            .AddCacheGenHttp(o => o.SurrogateKeyHeaders = SurrogateKeyHeaders.XKey);
}
