using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CacheGen.Tests;

public interface IPriceRepository
{
    Task<string> GetPriceAsync(int id, CancellationToken cancellationToken = default);

    Task SetPriceAsync(int id, string price, CancellationToken cancellationToken = default);

    string Name { get; }
}

public sealed class PriceRepository : IPriceRepository
{
    public Dictionary<int, string> Prices { get; } = new() { [1] = "10" };

    public int Loads { get; private set; }

    public string Name => "prices";

    public Task<string> GetPriceAsync(int id, CancellationToken cancellationToken = default)
    {
        Loads++;
        return Task.FromResult(Prices[id]);
    }

    public Task SetPriceAsync(int id, string price, CancellationToken cancellationToken = default)
    {
        Prices[id] = price;
        return Task.CompletedTask;
    }
}

/// <summary>What the generator writes for <see cref="PriceRepository"/>, written by hand to test the registration path.</summary>
public sealed class PriceRepositoryCachedDecorator : IPriceRepository
{
    private static readonly CachePolicy GetPricePolicy = new("price:{id}", ttlSeconds: 300);
    private readonly IPriceRepository _inner;
    private readonly CacheEngine _engine;
    private readonly CachedMethod<int, string> _getPrice;

    public PriceRepositoryCachedDecorator(IPriceRepository inner, CacheEngine engine)
    {
        _inner = inner;
        _engine = engine;
        _getPrice = engine.GetCachedMethod<int, string>(GetPricePolicy, static id => GetPricePolicy.Template.Render([id.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
    }

    public string Name => _inner.Name;

    public Task<string> GetPriceAsync(int id, CancellationToken cancellationToken = default) =>
        _getPrice.GetOrLoadTaskAsync(id, (_inner, id), static (s, ct) => new ValueTask<string>(s._inner.GetPriceAsync(s.id, ct)), cancellationToken);

    public async Task SetPriceAsync(int id, string price, CancellationToken cancellationToken = default)
    {
        await _inner.SetPriceAsync(id, price, cancellationToken).ConfigureAwait(false);
        await _engine.InvalidateAsync(GetPricePolicy.Template.Render([id.ToString(System.Globalization.CultureInfo.InvariantCulture)]), cancellationToken).ConfigureAwait(false);
    }

    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Register() =>
        CachedDecoratorRegistry.Register<IPriceRepository, PriceRepository>(static (inner, engine) => new PriceRepositoryCachedDecorator(inner, engine));
}

public interface IUndecorated
{
}

public sealed class Undecorated : IUndecorated
{
}

[Collection(RedisServerGroup.Name)]
public sealed class DependencyInjectionTests(RedisServerFixture server)
{
    [Fact]
    public async Task AddCached_serves_the_service_through_its_registered_decorator()
    {
        var options = RedisServerFixture.NewOptions(server.Endpoint, nameof(AddCached_serves_the_service_through_its_registered_decorator));
        var services = new ServiceCollection()
            .AddCacheGen(o =>
            {
                o.Redis = options.Redis;
                o.KeyPrefix = options.KeyPrefix;
                o.InvalidationChannel = options.InvalidationChannel;
            })
            .AddCached<IPriceRepository, PriceRepository>(ServiceLifetime.Singleton);
        await using var provider = services.Services.BuildServiceProvider();
        await provider.GetRequiredService<CacheEngine>().Ready.WaitAsync(TimeSpan.FromSeconds(10));

        var repository = provider.GetRequiredService<IPriceRepository>();
        var inner = provider.GetRequiredService<PriceRepository>();
        Assert.IsType<PriceRepositoryCachedDecorator>(repository);
        Assert.Equal("10", await repository.GetPriceAsync(1));
        Assert.Equal("10", await repository.GetPriceAsync(1));
        Assert.Equal(1, inner.Loads);

        await repository.SetPriceAsync(1, "12");
        Assert.Equal("12", await repository.GetPriceAsync(1));
        Assert.Equal("prices", repository.Name);
        Assert.Same(provider.GetRequiredService<CacheEngine>(), provider.GetRequiredService<ICacheInvalidator>());
    }

    [Fact]
    public void AddCacheGen_is_where_the_other_caching_libraries_put_theirs_and_returns_a_builder_over_the_same_services()
    {
        // Found with the one using a Program.cs already has, as AddHybridCache and AddStackExchangeRedisCache are.
        Assert.Equal("Microsoft.Extensions.DependencyInjection", typeof(CacheGenServiceCollectionExtensions).Namespace);

        var services = new ServiceCollection();
        var builder = services.AddCacheGen(o => o.Redis = "localhost:1");
        Assert.Same(services, builder.Services);
        Assert.Same(builder, builder.AddCached<IPriceRepository, PriceRepository>(ServiceLifetime.Singleton));
        Assert.Contains(services, d => d.ServiceType == typeof(IPriceRepository) && d.Lifetime == ServiceLifetime.Singleton);
        Assert.Contains(services, d => d.ServiceType == typeof(PriceRepository));
    }

    [Fact]
    public async Task A_keyspace_TTL_set_in_configuration_only_is_the_TTL_in_Redis()
    {
        // The attribute (here its hand-written policy) says 300 s; configuration alone says 30 s, without jitter.
        var options = RedisServerFixture.NewOptions(server.Endpoint, nameof(A_keyspace_TTL_set_in_configuration_only_is_the_TTL_in_Redis));
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CacheGen:Redis"] = options.Redis,
                ["CacheGen:KeyPrefix"] = options.KeyPrefix,
                ["CacheGen:InvalidationChannel"] = options.InvalidationChannel,
                ["CacheGen:OperationTimeout"] = "00:00:02",
                ["CacheGen:Keyspaces:price:TtlSeconds"] = "30",
                ["CacheGen:Keyspaces:price:JitterPercent"] = "0",
            })
            .Build();
        await using var provider = new ServiceCollection()
            .AddCacheGen(configuration.GetSection("CacheGen"))
            .AddCached<IPriceRepository, PriceRepository>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CacheEngine>();
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(2), engine.Options.OperationTimeout);

        Assert.Equal("10", await provider.GetRequiredService<IPriceRepository>().GetPriceAsync(1));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(options.KeyPrefix + "{price:1}");
        Assert.True(ttl is { TotalSeconds: > 0 and <= 30 }, $"TTL {ttl}: configuration's 30 s should replace the policy's 300 s");
    }

    [Fact]
    public void The_builder_sets_what_only_code_can_give_after_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CacheGen:Redis"] = "localhost:1" }).Build();
        var serializer = new SystemTextJsonCacheSerializer();
        using var provider = new ServiceCollection()
            .AddCacheGen(configuration.GetSection("CacheGen"))
            .UseSerializer(serializer)
            .UseJsonSerializerContext(BuilderJson.Default)
            .Services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<CacheGenOptions>>().Value;
        Assert.Equal("localhost:1", options.Redis);
        Assert.Same(serializer, options.Serializer);
        Assert.Contains(BuilderJson.Default, options.JsonSerializerOptions!.TypeInfoResolverChain);
    }

    [Fact]
    public void A_keyspace_setting_out_of_range_stops_the_start_with_its_configuration_key()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CacheGen:Redis"] = "localhost:1", ["CacheGen:Keyspaces:revenue:TtlSeconds"] = "0" })
            .Build();
        using var provider = new ServiceCollection().AddCacheGen(configuration.GetSection("CacheGen")).Services.BuildServiceProvider();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<CacheGenOptions>>().Value);
        Assert.Contains("CacheGen:Keyspaces:revenue:TtlSeconds is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCacheGen_uses_a_multiplexer_from_DI_when_no_configuration_is_given()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        await using var provider = new ServiceCollection()
            .AddSingleton<IConnectionMultiplexer>(connection)
            .AddCacheGen()
            .Services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CacheEngine>();
        Assert.Same(connection, engine.Connection);
    }

    [Fact]
    public void AddCached_without_a_generated_decorator_names_the_pair_and_what_to_do()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCached<IUndecorated, Undecorated>());
        Assert.Contains(typeof(IUndecorated).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Undecorated).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("[Cached]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCached_with_a_class_as_the_service_says_it_must_be_an_interface()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCached<PriceRepository, PriceRepository>());
        Assert.Contains("must be an interface", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddCached<IPriceRepository, PriceRepository>", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[Cached]", error.Message, StringComparison.Ordinal); // the attributes are there: not the cause
    }

    [Fact]
    public async Task A_missing_AddCacheGen_stops_the_host_at_start_saying_to_call_it()
    {
        await using var provider = new ServiceCollection()
            .AddCached<IPriceRepository, PriceRepository>()
            .BuildServiceProvider();

        // A host resolves its hosted services when it starts.
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ToList());
        Assert.Contains("AddCacheGen", error.Message, StringComparison.Ordinal);

        // Without a host, the first resolve says the same (not the container's "unable to resolve CacheEngine").
        using var scope = provider.CreateScope();
        var first = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IPriceRepository>());
        Assert.Contains("AddCacheGen", first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolving_CacheGen_without_any_redis_says_how_to_configure_it()
    {
        await using var provider = new ServiceCollection().AddCacheGen().Services.BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICacheInvalidator>());
        Assert.Contains("CacheGenOptions.Redis", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeyPrefix")]
    [InlineData("LeaseTtl")]
    [InlineData("InvalidationChannel")]
    [InlineData("LocalCacheMaxEntries")]
    public void Invalid_options_are_rejected_naming_the_option(string option)
    {
        var options = new CacheGenOptions { Redis = server.Endpoint };
        switch (option)
        {
            case "KeyPrefix": options.KeyPrefix = "{app}"; break;
            case "LeaseTtl": options.LeaseTtl = TimeSpan.Zero; break;
            case "InvalidationChannel": options.InvalidationChannel = " "; break;
            case "LocalCacheMaxEntries": options.LocalCacheMaxEntries = 0; break;
        }

        var error = Assert.ThrowsAny<ArgumentException>(() => new CacheEngine(options));
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 10, 0, 0, "TtlSeconds")]
    [InlineData(10, 51, 0, 0, "JitterPercent")]
    [InlineData(10, -1, 0, 0, "JitterPercent")]
    [InlineData(10, 10, -1, 0, "StaleSeconds")]
    [InlineData(10, 10, 0, -1, "LocalTtlSeconds")]
    public void Invalid_policy_numbers_are_rejected_naming_the_setting(int ttl, int jitter, int stale, int local, string setting)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CachePolicy("k:{id}", ttl, jitter, stale, local));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class BuilderJson : System.Text.Json.Serialization.JsonSerializerContext;
