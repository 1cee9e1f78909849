using System.Data.Common;
using CacheGen.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Storefront.Data;

namespace CacheGen.Sample.Tests;

[CollectionDefinition(Name)]
public sealed class StorefrontTestGroup : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Storefront";
}

/// <summary>
/// The Storefront app hosted in process, as <c>dotnet run</c> starts it, on the test run's Redis server and a SQLite file
/// of its own. The sample reads both from the environment (REDIS, STOREFRONT_DB), so the tests of this collection run
/// one at a time.
/// </summary>
internal sealed class StorefrontApp : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"storefront-test-{Guid.NewGuid():N}.db");

    private StorefrontApp()
    {
    }

    /// <summary>Every database command waits this long first (a slow database), once set.</summary>
    public SlowCommands Commands { get; } = new();

    /// <summary>Starts the app on a fresh database, with the sample's Redis keys removed from the server.</summary>
    public static async Task<(StorefrontApp App, HttpClient Client)> StartAsync(RedisServerFixture redis)
    {
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint + ",allowAdmin=true"))
        {
            var server = connection.GetServer(connection.GetEndPoints()[0]);
            await foreach (var key in server.KeysAsync(pattern: "storefront:*", pageSize: 500))
            {
                await connection.GetDatabase().KeyDeleteAsync(key);
            }
        }

        var app = new StorefrontApp();
        Environment.SetEnvironmentVariable("REDIS", redis.Endpoint);
        Environment.SetEnvironmentVariable("STOREFRONT_DB", app._database);
        var client = app.CreateClient();
        return (app, client);
    }

    /// <summary>Every log entry the app wrote at Information or above, after the filters of its configuration.</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder
            .ConfigureServices(services => services.ConfigureDbContext<ShopDb>(o => o.AddInterceptors(Commands)))
            .ConfigureLogging(logging => logging.AddProvider(Logs));

    /// <summary>A month's revenue computed straight from the database, past every cache.</summary>
    public async Task<decimal> RevenueInDatabaseAsync(int year, int month)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var lines = await db.Orders.Where(o => o.Year == year && o.Month == month)
            .Join(db.Products, o => o.ProductId, p => p.Id, (o, p) => new { o.Quantity, p.Price })
            .ToListAsync();
        return lines.Sum(l => l.Quantity * l.Price);
    }

    /// <summary>Whether a product has an order in a month.</summary>
    public async Task<bool> SoldInAsync(int productId, int year, int month)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDb>().Orders.AnyAsync(o => o.ProductId == productId && o.Year == year && o.Month == month);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}

/// <summary>Makes every database command wait <see cref="Delay"/> before it runs.</summary>
internal sealed class SlowCommands : DbCommandInterceptor
{
    public TimeSpan Delay { get; set; }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        return result;
    }
}

/// <summary>Keeps the category and level of every entry that passes the app's log filters.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
