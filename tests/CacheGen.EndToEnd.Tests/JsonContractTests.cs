using System.Text.Json;
using CacheGen.EndToEnd.Repositories;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CacheGen.EndToEnd;

/// <summary>
/// The JSON contracts the generator writes for cached types (used where reflection-based serialization is off, as in
/// native AOT): they must write what reflection writes and read back what went in — here with reflection still on in
/// the process, so the two can be compared value by value.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class JsonContractTests(RedisServerFixture server)
{
    private static readonly JsonSerializerOptions Generated = new(JsonSerializerDefaults.Web) { TypeInfoResolver = CachedDecoratorRegistry.GeneratedContracts };

    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web);

    static JsonContractTests() => System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(Catalog).Module.ModuleHandle);

    public static TheoryData<string> Values() => new() { "page", "dimensions", "location", "no location", "prices" };

    [Theory]
    [MemberData(nameof(Values))]
    public void Generated_contracts_write_what_reflection_writes_and_read_it_back(string which)
    {
        switch (which)
        {
            case "page": Check(Catalog.Sample(7)); break;
            case "dimensions": Check(new Dimensions { Width = 3, Height = 2.5 }); break;
            case "location": Check<Coordinates?>(new Coordinates(52.5, 13.4)); break;
            case "no location": Check<Coordinates?>(null); break;
            case "prices": Check<IList<Money>>([new Money(1.5m, "EUR")]); break;
        }
    }

    private static void Check<T>(T value)
    {
        Assert.NotNull(Generated.GetTypeInfo(typeof(T))); // a contract exists: no fallback hides a missing one
        var generated = JsonSerializer.Serialize(value, Generated);
        var reflected = JsonSerializer.Serialize(value, Reflection);
        AssertSameDocument(reflected, generated);
        var back = JsonSerializer.Deserialize<T>(generated, Generated);
        AssertSameDocument(reflected, JsonSerializer.Serialize(back, Reflection));
    }

    private static void AssertSameDocument(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(left.RootElement, right.RootElement), $"expected {expected}\n     got {actual}");
    }

    [Fact]
    public async Task A_cached_call_round_trips_through_redis_with_the_generated_contracts_only()
    {
        var options = RedisServerFixture.NewOptions(server.Endpoint, nameof(JsonContractTests));
        await using var provider = new ServiceCollection()
            .AddCacheGen(o =>
            {
                o.Redis = options.Redis;
                o.KeyPrefix = options.KeyPrefix;
                o.InvalidationChannel = options.InvalidationChannel;
                o.JsonSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = CachedDecoratorRegistry.GeneratedContracts };
            })
            .AddCached<ICatalog, Catalog>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CacheEngine>();
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        var catalog = provider.GetRequiredService<ICatalog>();

        var first = await catalog.PageAsync(3);
        var second = await catalog.PageAsync(3); // read back from Redis through the contracts
        AssertSameDocument(JsonSerializer.Serialize(first, Reflection), JsonSerializer.Serialize(second, Reflection));
        Assert.Equal(new Coordinates(52.5, 13.4), await catalog.LocationAsync(1));
        Assert.Equal(new Coordinates(52.5, 13.4), await catalog.LocationAsync(1));
        Assert.True(await engine.Connection!.GetDatabase().KeyExistsAsync(options.KeyPrefix + "{catalog:3}"), "the page must have been cached, not refused by the round-trip guard");
    }
}
