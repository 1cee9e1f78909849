using System.Diagnostics;
using System.Collections.Concurrent;
using System.Text.Json;
using CacheGen.AspNetCore.Tests.Infrastructure;
using CacheGen.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CacheGen.AspNetCore.Tests;

/// <summary>
/// Each purger's request as its API documents it (checked by a local listener standing in for the API), retries on 429
/// and 5xx, a refusal dropped and logged without the token.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class PurgerTests(RedisServerFixture server) : IAsyncLifetime
{
    private const string Token = "secret-token-9f8e7d";
    private readonly ConcurrentQueue<Captured> _requests = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private WebApplication _api = null!;
    private Uri _address = null!;

    private sealed record Captured(string Method, string Path, Dictionary<string, string> Headers, string Body);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _api = builder.Build();
        _api.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            _requests.Enqueue(new Captured(context.Request.Method, context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
        });
        await _api.StartAsync();
        _address = new Uri(_api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Fastly_is_asked_for_a_batch_surrogate_key_purge_as_its_API_documents()
    {
        // https://www.fastly.com/documentation/reference/api/purging/ : POST /service/{service_id}/purge, Fastly-Key,
        // body {"surrogate_keys": [...]}, up to 256 keys.
        using var purger = new FastlyPurger("svc-1", Token, _address);
        await purger.PurgeAsync(["k:report:1", "ks:report"], CancellationToken.None);
        var request = Assert.Single(_requests);
        Assert.Equal(("POST", "/service/svc-1/purge"), (request.Method, request.Path));
        Assert.Equal(Token, request.Headers["Fastly-Key"]);
        Assert.Equal(["k:report:1", "ks:report"], JsonDocument.Parse(request.Body).RootElement.GetProperty("surrogate_keys").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(256, purger.MaxKeysPerRequest);
    }

    [Fact]
    public async Task Cloudflare_is_asked_for_a_purge_by_tags_as_its_API_documents()
    {
        // https://developers.cloudflare.com/api/resources/cache/methods/purge/ : POST /client/v4/zones/{zone_id}/purge_cache,
        // Authorization: Bearer, body {"tags": [...]}; at most 100 per request.
        using var purger = new CloudflarePurger("zone-1", Token, _address);
        await purger.PurgeAsync(["t:reports"], CancellationToken.None);
        var request = Assert.Single(_requests);
        Assert.Equal(("POST", "/client/v4/zones/zone-1/purge_cache"), (request.Method, request.Path));
        Assert.Equal("Bearer " + Token, request.Headers["Authorization"]);
        Assert.Equal(["t:reports"], JsonDocument.Parse(request.Body).RootElement.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(100, purger.MaxKeysPerRequest);
    }

    [Fact]
    public async Task Varnish_is_sent_PURGE_with_the_keys_in_xkey_purge()
    {
        using var purger = new VarnishPurger(_address);
        await purger.PurgeAsync(["k:a", "t:b"], CancellationToken.None);
        var request = Assert.Single(_requests);
        Assert.Equal(("PURGE", "/"), (request.Method, request.Path));
        Assert.Equal("k:a t:b", request.Headers["xkey-purge"]);
    }

    [Fact]
    public async Task Throttled_and_failing_purges_are_retried_until_the_CDN_takes_them_and_a_refusal_is_dropped_without_logging_the_token()
    {
        var logs = new ListLoggerProvider();
        var shared = RedisServerFixture.NewOptions(server.Endpoint, nameof(Throttled_and_failing_purges_are_retried_until_the_CDN_takes_them_and_a_refusal_is_dropped_without_logging_the_token));
        await using var app = await TestApp.StartAsync(shared, s => s.AddCdnPurger(_ => new FastlyPurger("svc-2", Token, _address), o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(50)), logs);
        var purging = app.App.Services.GetRequiredService<CdnPurging>();
        var purged = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        purging.Purged += keys => purged.TrySetResult(keys);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CacheGenTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "cachegen.cdn.purge" && (string?)activity.GetTagItem("cachegen.cdn.purger") == nameof(FastlyPurger))
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        _statuses.Enqueue(429);
        _statuses.Enqueue(503);
        await app.Engine.InvalidateAsync("report:42");
        Assert.Equal(["k:report:42", "ks:report"], await purged.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, _requests.Count); // two refused, the third taken
        Assert.Equal(0, purging.Pending);

        // A span per attempt: two failed (status Error), then the one the CDN took; each with the batch's size.
        Assert.Equal(["failed", "failed", "purged"], spans.Select(s => (string?)s.GetTagItem("cachegen.cdn.outcome")));
        Assert.Equal([ActivityStatusCode.Error, ActivityStatusCode.Error, ActivityStatusCode.Unset], spans.Select(s => s.Status));
        Assert.All(spans, s => Assert.Equal(2, s.GetTagItem("cachegen.cdn.keys")));
        Assert.All(spans, s => Assert.Equal("purge FastlyPurger", s.DisplayName));

        // A refusal that retrying will not change (a wrong token): dropped, logged as an error, never with the token.
        var refused = _requests.Count;
        _statuses.Enqueue(403);
        await app.Engine.InvalidateTagAsync("reports");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((purging.Pending > 0 || _requests.Count == refused) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, purging.Pending);
        Assert.Equal(refused + 1, _requests.Count);
        Assert.Contains(logs.Messages, m => m.Contains("refused", StringComparison.Ordinal) && m.Contains("403", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(Token, StringComparison.Ordinal));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
