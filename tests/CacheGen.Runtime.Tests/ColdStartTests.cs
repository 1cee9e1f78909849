using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CacheGen.Tests;

/// <summary>
/// The first requests after a start use the cache: calls made while the engine is still connecting wait for it
/// (bounded by <see cref="CacheGenOptions.StartupWait"/>) instead of each running its loader.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class ColdStartTests(RedisServerFixture server)
{
    [Fact]
    public async Task Five_hundred_calls_across_four_engines_started_this_moment_cost_one_load()
    {
        // Redis is slow to answer the first connections: every engine is still connecting when the calls arrive.
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        proxy.Hold();
        var template = RedisServerFixture.NewOptions(proxy.Endpoint, nameof(ColdStartTests));
        var loads = 0;
        var policy = new CachePolicy("cold:{id}", ttlSeconds: 300, localTtlSeconds: 300);
        var engines = Enumerable.Range(0, 4).Select(_ => new CacheEngine(new CacheGenOptions { Redis = template.Redis, KeyPrefix = template.KeyPrefix, InvalidationChannel = template.InvalidationChannel })).ToArray();
        try
        {
            var calls = engines.SelectMany(engine => Enumerable.Range(0, 125).Select(_ =>
                Cached.Method<string>(engine, policy).GetAsync("1", () =>
                {
                    Interlocked.Increment(ref loads);
                    return "v";
                }).AsTask())).ToArray();
            Assert.All(engines, e => Assert.False(e.Ready.IsCompleted));
            proxy.Forward();
            var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.All(results, r => Assert.Equal("v", r));
            Assert.Equal(1, loads);
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Five_hundred_calls_across_four_hosts_just_started_cost_one_load()
    {
        // Four application instances deploy at once; Redis is slow to answer their first connections.
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        proxy.Hold();
        var template = RedisServerFixture.NewOptions(proxy.Endpoint, nameof(Five_hundred_calls_across_four_hosts_just_started_cost_one_load));
        var hosts = Enumerable.Range(0, 4).Select(_ =>
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services
                .AddCacheGen(o => { o.Redis = template.Redis; o.KeyPrefix = template.KeyPrefix; o.InvalidationChannel = template.InvalidationChannel; })
                .AddCached<IPriceRepository, PriceRepository>(ServiceLifetime.Singleton);
            return builder.Build();
        }).ToList();
        try
        {
            var starting = hosts.Select(h => h.StartAsync()).ToList();
            proxy.Forward();
            await Task.WhenAll(starting).WaitAsync(TimeSpan.FromSeconds(30));

            // The first requests, all at once.
            var calls = hosts.SelectMany(h => Enumerable.Range(0, 125).Select(_ => Task.Run(() => h.Services.GetRequiredService<IPriceRepository>().GetPriceAsync(1)))).ToArray();
            Assert.All(await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30)), price => Assert.Equal("10", price));
            Assert.Equal(1, hosts.Sum(h => h.Services.GetRequiredService<PriceRepository>().Loads));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }
    }

    [Fact]
    public async Task Five_hundred_calls_across_four_service_providers_built_this_moment_cost_one_load()
    {
        // No host: each engine is created by the first call and connects then; Redis is slow to answer.
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        proxy.Hold();
        var template = RedisServerFixture.NewOptions(proxy.Endpoint, nameof(Five_hundred_calls_across_four_service_providers_built_this_moment_cost_one_load));
        var providers = Enumerable.Range(0, 4).Select(_ => new ServiceCollection()
            .AddCacheGen(o => { o.Redis = template.Redis; o.KeyPrefix = template.KeyPrefix; o.InvalidationChannel = template.InvalidationChannel; })
            .AddCached<IPriceRepository, PriceRepository>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider()).ToList();
        try
        {
            var calls = providers.SelectMany(p => Enumerable.Range(0, 125).Select(_ => p.GetRequiredService<IPriceRepository>().GetPriceAsync(1))).ToArray();
            Assert.All(providers, p => Assert.False(p.GetRequiredService<CacheEngine>().Ready.IsCompleted));
            proxy.Forward();
            Assert.All(await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30)), price => Assert.Equal("10", price));
            Assert.Equal(1, providers.Sum(p => p.GetRequiredService<PriceRepository>().Loads));
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task With_a_service_provider_only_the_first_calls_wait_for_the_connection()
    {
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        proxy.Hold();
        var template = RedisServerFixture.NewOptions(proxy.Endpoint, nameof(ColdStartTests));
        await using var provider = new ServiceCollection()
            .AddCacheGen(o => { o.Redis = template.Redis; o.KeyPrefix = template.KeyPrefix; o.InvalidationChannel = template.InvalidationChannel; })
            .Services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CacheEngine>(); // created, and connecting from here
        var loads = 0;
        var method = Cached.Method<string>(engine, new CachePolicy("cold-di:{id}", ttlSeconds: 300));
        var calls = Enumerable.Range(0, 100).Select(_ => method.GetAsync("1", () =>
        {
            Interlocked.Increment(ref loads);
            return "v";
        }).AsTask()).ToArray();
        Assert.False(engine.Ready.IsCompleted);
        proxy.Forward();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(results, r => Assert.Equal("v", r));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_host_starts_the_engine_and_its_connection_when_it_starts()
    {
        var template = RedisServerFixture.NewOptions(server.Endpoint, nameof(ColdStartTests));
        await using var provider = new ServiceCollection()
            .AddCacheGen(o => { o.Redis = template.Redis; o.KeyPrefix = template.KeyPrefix; o.InvalidationChannel = template.InvalidationChannel; })
            .Services.BuildServiceProvider();
        var startup = Assert.Single(provider.GetServices<IHostedService>());
        await startup.StartAsync(CancellationToken.None);
        Assert.True(provider.GetRequiredService<CacheEngine>().Ready.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task With_Redis_unreachable_the_first_call_runs_its_loader_after_at_most_the_startup_wait()
    {
        await using var engine = new CacheEngine(new CacheGenOptions { Redis = $"127.0.0.1:{RedisServerFixture.FreePort()},connectTimeout=200", StartupWait = TimeSpan.FromMilliseconds(300) });
        var method = Cached.Method<string>(engine, new CachePolicy("down:{id}", ttlSeconds: 300));
        Assert.Equal("loaded", await method.GetAsync("1", () => "loaded").AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("again", await method.GetAsync("1", () => "again").AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }
}

public sealed class ConfigurationErrorTests
{
    [Fact]
    public void A_malformed_Redis_configuration_string_fails_at_once_naming_the_setting_and_not_the_password()
    {
        var error = Assert.Throws<ArgumentException>(() => new CacheEngine(new CacheGenOptions { Redis = "localhost:6379,password=s3cret,connectTimeout=soon" }));
        Assert.Contains("CacheGenOptions.Redis", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_KeyPrefix_stops_the_host_at_start_naming_the_setting()
    {
        await using var provider = new ServiceCollection()
            .AddCacheGen(o => { o.Redis = "127.0.0.1:6379"; o.KeyPrefix = "shop{eu}:"; })
            .Services.BuildServiceProvider();

        // A host validates options marked ValidateOnStart, then resolves its hosted services, when it starts: that is
        // where the mistake surfaces, not on a request.
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());
        Assert.Contains("KeyPrefix", error.Message, StringComparison.Ordinal);
        var hosted = Assert.ThrowsAny<Exception>(() => provider.GetServices<IHostedService>().ToList());
        Assert.Contains("KeyPrefix", hosted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_Redis_configuration_string_stops_the_host_at_start_naming_the_setting()
    {
        await using var provider = new ServiceCollection()
            .AddCacheGen(o => o.Redis = "localhost:6379,password=s3cret,connectTimeout=soon")
            .Services.BuildServiceProvider();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());
        Assert.Contains("CacheGenOptions.Redis", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }
}
