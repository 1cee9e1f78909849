using CacheGen.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CacheGen.AspNetCore.Tests.Infrastructure;

/// <summary>One application instance on a real loopback port (Kestrel), with CacheGen and its HTTP middleware.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, string address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public string Address { get; }

    public CacheEngine Engine => App.Services.GetRequiredService<CacheEngine>();

    /// <summary>What the reports endpoint serves: the test changes it, then invalidates.</summary>
    public static ReportSource Reports { get; } = new();

    public static async Task<TestApp> StartAsync(CacheGenOptions shared, Action<IServiceCollection>? services = null, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddCacheGen(o =>
        {
            o.Redis = shared.Redis;
            o.KeyPrefix = shared.KeyPrefix;
            o.InvalidationChannel = shared.InvalidationChannel;
        });
        builder.Services.AddCacheGenHttp(o => o.SurrogateKeyHeaders = SurrogateKeyHeaders.XKey);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseCacheGenHttp();
        app.MapGet("/reports/{id}", async (string id, ICacheGen cache) =>
                await cache.GetOrLoadAsync($"report:{id}", id, static (i, _) => ValueTask.FromResult(Reports.Get(i)), new CacheEntryOptions { LocalTtlSeconds = 60, Tags = ["reports"] }))
            .CacheAtEdge(TimeSpan.FromMinutes(5));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await app.Services.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(20));
        return new TestApp(app, address);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The "database" of the reports endpoint.</summary>
public sealed class ReportSource
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _rows = new();

    public string Get(string id) => _rows.GetOrAdd(id, static i => $"report {i} v0");

    public void Set(string id, string value) => _rows[id] = value;
}
