using Microsoft.AspNetCore.Mvc.Testing;

namespace CacheGen.Tool.Tests.Infrastructure;

/// <summary>
/// The Storefront sample as <c>dotnet run</c> starts it, on a real Kestrel port (so varnishd can reach it), on the test
/// class's redis-server and a SQLite file of its own. The sample reads both from the environment (REDIS, STOREFRONT_DB).
/// </summary>
public sealed class StorefrontHost : IAsyncLifetime
{
    private readonly RedisProcess _redis = new();
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"storefront-tool-test-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<global::Program>? _app;

    public RedisProcess Redis => _redis;

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; } = new();

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        Environment.SetEnvironmentVariable("REDIS", _redis.Endpoint);
        Environment.SetEnvironmentVariable("STOREFRONT_DB", _database);
        var port = CacheGen.Tests.Infrastructure.RedisServerFixture.FreePort();
        _app = new WebApplicationFactory<global::Program>();
        _app.UseKestrel(port);
        _app.StartServer();
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _redis.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
