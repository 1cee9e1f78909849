using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CacheGen.Tests;

/// <summary>A result type as people write it: the setter is private, so System.Text.Json cannot set it back.</summary>
public sealed class Tally
{
    public string Name { get; set; } = "";

    public int Count { get; private set; }

    public static Tally Of(string name, int count) => new() { Name = name, Count = count };
}

/// <summary>A converter that forgets a field: nothing at build time can see it.</summary>
[JsonConverter(typeof(ForgetfulConverter))]
public sealed record Invoice(string Number, decimal Total);

public sealed class ForgetfulConverter : JsonConverter<Invoice>
{
    public override Invoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new Invoice(document.RootElement.GetProperty("number").GetString()!, 0m);
    }

    public override void Write(Utf8JsonWriter writer, Invoice value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("number", value.Number);
        writer.WriteNumber("total", value.Total);
        writer.WriteEndObject();
    }
}

public sealed record Money(decimal Amount, string Currency);

/// <summary>Constructor parameters named unlike the properties: System.Text.Json cannot bind them.</summary>
public sealed class Account(string accountName, int accountAge)
{
    public string Name { get; } = accountName;

    public int Age { get; } = accountAge;
}

public sealed class Node
{
    public string Name { get; set; } = "";

    public Node? Next { get; set; }
}

/// <summary>Near misses: all of these do round-trip and must stay cached.</summary>
public sealed class Counter
{
    public string Name { get; set; } = "";

    [JsonInclude]
    public int Count { get; private set; }

    public static Counter Of(string name, int count) => new() { Name = name, Count = count };
}

public sealed class Reading(string sensor, double value)
{
    public string Sensor { get; } = sensor;

    public double Value { get; } = value;
}

/// <summary>
/// The run-time guard: the first values a method writes (and a sample after them) are read back before they are
/// written; one that does not come back as it went in stops caching the method in this process, and nothing lossy is
/// ever served.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class RoundTripGuardTests(RedisServerFixture server)
{
    [Fact]
    public Task A_property_with_a_private_setter_stops_caching_and_is_never_served_lossy() =>
        AssertStopsCachingAsync(() => Tally.Of("visits", 7), t => t.Count == 7, "$.count was 7 and came back as 0");

    [Fact]
    public Task A_converter_that_drops_a_field_stops_caching_and_is_never_served_lossy() =>
        AssertStopsCachingAsync(() => new Invoice("INV-1", 120.50m), i => i.Total == 120.50m, "$.total was 120.50 and came back as 0");

    [Fact]
    public Task An_object_declared_value_that_comes_back_as_a_JsonElement_stops_caching() =>
        AssertStopsCachingAsync<object>(() => new Money(5m, "EUR"), m => m is Money { Amount: 5m }, "came back as a System.Text.Json.JsonElement");

    [Fact]
    public Task Constructor_parameters_that_match_no_property_stop_caching() =>
        AssertStopsCachingAsync(() => new Account("ada", 36), a => a.Age == 36, "cannot be read back");

    [Fact]
    public async Task A_value_that_cannot_be_serialized_stops_caching_with_one_error()
    {
        await using var engine = await StartAsync(out var logs, out var set);
        var method = Cached.Method<Node>(engine, new CachePolicy("cycle:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        using var metrics = new MetricCollector(engine);
        var loads = 0;
        Node Load()
        {
            loads++;
            var node = new Node { Name = "a" };
            node.Next = node;
            return node;
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("a", (await method.GetAsync("1", Load)).Name);
        }

        Assert.Equal(3, loads);
        Assert.False(method.IsCaching);
        Assert.Single(logs.At(LogLevel.Error));
        Assert.Equal(1, metrics.Sum("cachegen.serialization.errors", ("kind", "unwritable")));
        await set.DisposeAsync();
    }

    [Fact]
    public async Task Types_that_round_trip_stay_cached()
    {
        await using var engine = await StartAsync(out var logs, out var set);
        await AssertCachedAsync(engine, Counter.Of("c", 3), c => c.Count == 3, logs);
        await AssertCachedAsync(engine, new Reading("s1", -0.0), r => r.Value.Equals(-0.0) && double.IsNegative(r.Value), logs);
        await AssertCachedAsync(engine, new Money(1.50m, "EUR"), m => m.Amount == 1.50m, logs);
        await AssertCachedAsync(engine, new Report(2026, 12, 0.10m), r => r.Revenue == 0.10m, logs);
        await AssertCachedAsync(engine, new List<int> { 3, 1, 2 }, l => l.SequenceEqual([3, 1, 2]), logs);
        await AssertCachedAsync(engine, new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 }, d => d["a"] == 1, logs);

        // A dictionary whose enumeration order depends on its history: read back, its members come in another order.
        var grown = new ConcurrentDictionary<string, int>();
        for (var i = 0; i < 200; i++)
        {
            grown[$"k{i}"] = i;
        }

        for (var i = 0; i < 190; i++)
        {
            grown.TryRemove($"k{i}", out _);
        }

        await AssertCachedAsync(engine, grown, d => d.Count == 10, logs);
        await AssertCachedAsync(engine, new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(5)), d => d.Offset == TimeSpan.FromHours(5), logs);
        await AssertCachedAsync(engine, "plain text", s => s == "plain text", logs);
        await AssertCachedAsync<Money?>(engine, null, m => m is null, logs);
        Assert.Empty(logs.At(LogLevel.Error));
        await set.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1}""", null)]
    [InlineData("""{"a":1.50}""", """{"a":1.5}""", "$.a was 1.50 and came back as 1.5")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""", "$.a[0] was 1 and came back as 2")]
    [InlineData("""{"a":{"b":"x"}}""", """{"a":{}}""", "$.a.b was \"x\" and came back missing")]
    [InlineData("""{"a":1}""", """{"a":1,"c":null}""", "$.c came back though it was not written")]
    public void JSON_documents_compare_by_member_name_and_report_the_first_difference(string written, string read, string? expected)
    {
        using var first = JsonDocument.Parse(written);
        using var second = JsonDocument.Parse(read);
        Assert.Equal(expected, CacheGen.Internals.RoundTripCheck.FirstDifference("$", first.RootElement, second.RootElement));
    }

    private async Task AssertStopsCachingAsync<T>(Func<T> load, Func<T, bool> isIntact, string expectedDifference)
    {
        await using var engine = await StartAsync(out var logs, out var set);
        using var metrics = new MetricCollector(engine);
        var method = Cached.Method<T>(engine, new CachePolicy("lossy:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        var loads = 0;
        for (var i = 0; i < 5; i++)
        {
            var value = await method.GetAsync("1", () =>
            {
                loads++;
                return load();
            });
            Assert.True(isIntact(value), $"call {i} was served a value that lost data");
        }

        Assert.Equal(5, loads); // not cached: every call ran the method
        Assert.False(method.IsCaching);
        Assert.False(await engine.Connection!.GetDatabase().KeyExistsAsync(set.ValueKey(method.FormatKey("1"))), "the lossy value reached Redis");
        var error = Assert.Single(logs.At(LogLevel.Error));
        Assert.Contains(expectedDifference, error, StringComparison.Ordinal);
        Assert.Contains("lossy:{id}", error, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum("cachegen.serialization.errors", ("kind", "lossy")));

        // Another instance that reads what this one might have written finds nothing lossy either.
        var other = Cached.Method<T>(set.Engines[0], new CachePolicy("lossy:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        Assert.True(isIntact(await other.GetAsync("1", load)));
        await set.DisposeAsync();
    }

    private static async Task AssertCachedAsync<T>(CacheEngine engine, T value, Func<T, bool> isIntact, ListLogger logs)
    {
        var method = Cached.Method<T>(engine, new CachePolicy($"ok-{typeof(T).Name}-{Guid.NewGuid():N}:{{id}}", ttlSeconds: 300));
        Assert.True(isIntact(await method.GetAsync("1", () => value)));
        Assert.True(isIntact(await method.GetAsync("1", () => throw new InvalidOperationException($"{typeof(T).Name}: must be a hit"))));
        Assert.True(method.IsCaching, $"{typeof(T).Name} stopped caching: {string.Join(" | ", logs.At(LogLevel.Error))}");
    }

    private Task<CacheEngine> StartAsync(out ListLogger logs, out EngineSet set, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        var created = EngineSet.StartAsync(server.Endpoint, 1, testName: testName).GetAwaiter().GetResult();
        set = created;
        logs = new ListLogger();
        var options = new CacheGenOptions { Redis = created.Template.Redis, KeyPrefix = created.Template.KeyPrefix, InvalidationChannel = created.Template.InvalidationChannel };
        var engine = new CacheEngine(options, loggerFactory: logs);
        return engine.Ready.WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => engine, TaskScheduler.Default);
    }
}
