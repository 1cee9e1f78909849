using System.Reflection;
using CacheGen.Internals;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CacheGen.Tests;

/// <summary>
/// <see cref="CacheGenOptions.Defaults"/> (<c>CacheGen:Defaults</c>): values for the lifetime settings a declaration
/// leaves unset; a value the declaration sets wins, and a keyspace's settings win over both.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class ConfigurationDefaultsTests(RedisServerFixture server)
{
    [Fact]
    public async Task Defaults_fill_what_a_declaration_left_unset_and_nothing_else()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o =>
        {
            o.Defaults.TtlSeconds = 40;
            o.Defaults.JitterPercent = 0;
            o.Keyspaces["overridden"] = new KeyspaceOptions { TtlSeconds = 20 };
        });
        var redis = set[0].Connection!.GetDatabase();

        async Task<double> TtlOf(CachePolicy policy)
        {
            var method = Cached.Method<string>(set[0], policy);
            await method.GetAsync("1", () => "v");
            return (await redis.KeyTimeToLiveAsync(set.ValueKey(method.FormatKey("1"))))!.Value.TotalSeconds;
        }

        // Generated code passes the attribute's named arguments: none here, so configuration decides.
        Assert.InRange(await TtlOf(new CachePolicy("unset:{id}", explicitSettings: CachePolicySettings.None)), 30, 40);

        // TtlSeconds set by the attribute wins; its unset jitter still comes from the defaults (0: exactly 3000 s).
        Assert.InRange(await TtlOf(new CachePolicy("set:{id}", ttlSeconds: 3000, explicitSettings: CachePolicySettings.TtlSeconds)), 2990, 3000);

        // A keyspace's setting wins over the attribute's.
        Assert.InRange(await TtlOf(new CachePolicy("overridden:{id}", ttlSeconds: 3000, explicitSettings: CachePolicySettings.TtlSeconds)), 10, 20);
    }

    [Fact]
    public async Task Programmatic_calls_take_the_defaults_for_what_their_options_leave_unset()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => { o.Defaults.TtlSeconds = 50; o.Defaults.JitterPercent = 0; });
        var cache = set[0];
        await cache.GetOrLoadAsync("calls:1", 0, static (_, _) => ValueTask.FromResult("v"));
        await cache.GetOrLoadAsync("calls:2", 0, static (_, _) => ValueTask.FromResult("v"), new CacheEntryOptions { TtlSeconds = 2000 });
        var redis = set[0].Connection!.GetDatabase();
        Assert.InRange((await redis.KeyTimeToLiveAsync(set.ValueKey("calls:1")))!.Value.TotalSeconds, 40, 50);
        Assert.InRange((await redis.KeyTimeToLiveAsync(set.ValueKey("calls:2")))!.Value.TotalSeconds, 1990, 2000);
    }

    [Fact]
    public void Defaults_bind_from_the_CacheGen_section_and_are_validated_with_their_key()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CacheGen:Redis"] = "localhost:1", ["CacheGen:Defaults:TtlSeconds"] = "90", ["CacheGen:Defaults:LocalTtlSeconds"] = "5" })
            .Build();
        using (var provider = new ServiceCollection().AddCacheGen(configuration.GetSection("CacheGen")).Services.BuildServiceProvider())
        {
            var options = provider.GetRequiredService<IOptions<CacheGenOptions>>().Value;
            Assert.Equal((90, 5, (int?)null), (options.Defaults.TtlSeconds!.Value, options.Defaults.LocalTtlSeconds!.Value, options.Defaults.StaleSeconds));
        }

        var invalid = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CacheGen:Redis"] = "localhost:1", ["CacheGen:Defaults:JitterPercent"] = "80" })
            .Build();
        using var bad = new ServiceCollection().AddCacheGen(invalid.GetSection("CacheGen")).Services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<CacheGenOptions>>().Value);
        Assert.Contains("CacheGen:Defaults:JitterPercent is 80", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_signals_and_critical_keyspaces_are_read_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CacheGen:Redis"] = "localhost:1",
                ["CacheGen:RedisSignals:Enabled"] = "true",
                ["CacheGen:RedisSignals:Period"] = "00:00:30",
                ["CacheGen:Keyspaces:revenue:Critical"] = "true",
            })
            .Build();
        using var provider = new ServiceCollection().AddCacheGen(configuration.GetSection("CacheGen")).Services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<CacheGenOptions>>().Value;
        Assert.True(options.RedisSignals.Enabled);
        Assert.False(options.RedisSignals.EveryInstance);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RedisSignals.Period);
        Assert.True(options.Keyspaces["revenue"].Critical);
    }

    [Fact]
    public void Every_option_configuration_can_hold_has_its_place_in_the_bound_section()
    {
        // Code-only settings (the serializer) are not bindable on purpose: that keeps the binding trim and AOT safe.
        string[] codeOnly = [nameof(CacheGenOptions.Serializer), nameof(CacheGenOptions.JsonSerializerOptions)];
        var options = typeof(CacheGenOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => (p.CanWrite || p.Name is nameof(CacheGenOptions.Keyspaces)) && !codeOnly.Contains(p.Name))
            .Select(p => p.Name)
            .Order();
        var section = typeof(CacheGenSection).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order();
        Assert.Equal(options, section);
    }
}
