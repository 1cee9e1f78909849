using System.Buffers;
using System.Text.Json.Serialization;
using CacheGen.Tests.Infrastructure;

namespace CacheGen.Tests;

public sealed record Report(int Year, int Month, decimal Revenue);

[JsonSerializable(typeof(Report))]
public sealed partial class ReportJsonContext : JsonSerializerContext;

[Collection(RedisServerGroup.Name)]
public sealed class SerializationTests(RedisServerFixture server)
{
    [Fact]
    public async Task Values_round_trip_through_redis_with_the_default_serializer()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var policy = new CachePolicy("revenue:{id}");
        var report = new Report(2024, 5, 1234.56m);
        Assert.Equal(report, await Cached.Method<Report>(set[0], policy).GetAsync("1", () => report));
        Assert.Equal(report, await Cached.Method<Report>(set[1], policy).GetAsync("1", () => throw new InvalidOperationException("must be a hit")));
    }

    [Fact]
    public async Task A_source_generated_context_serializes_without_reflection()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, o => o.UseJsonSerializerContext(ReportJsonContext.Default));
        var policy = new CachePolicy("revenue:{id}");
        var report = new Report(2024, 6, 99m);
        Assert.Equal(report, await Cached.Method<Report>(set[0], policy).GetAsync("1", () => report));
        Assert.Equal(report, await Cached.Method<Report>(set[1], policy).GetAsync("1", () => throw new InvalidOperationException("must be a hit")));
    }

    [Fact]
    public async Task A_stored_value_that_cannot_be_read_is_a_counted_miss_not_an_exception()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        using var metrics = new MetricCollector(set[0]);
        var method = Cached.Method<Report>(set[0], new CachePolicy("revenue:{id}"));
        var redis = set[0].Connection!.GetDatabase();
        await redis.StringSetAsync(set.ValueKey(method.FormatKey("garbage")), "not a cachegen value");
        await redis.StringSetAsync(set.ValueKey(method.FormatKey("wrongtype")), new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0x7F, (byte)'[', (byte)'1', (byte)']' });

        var fresh = new Report(2024, 7, 1m);
        Assert.Equal(fresh, await method.GetAsync("garbage", () => fresh));
        Assert.Equal(fresh, await method.GetAsync("wrongtype", () => fresh));
        Assert.Equal(2, metrics.Sum("cachegen.serialization.errors", ("operation", "read")));

        // The loaded value replaced the unreadable one.
        Assert.Equal(fresh, await method.GetAsync("garbage", () => throw new InvalidOperationException("must be a hit")));
    }

    [Fact]
    public async Task A_value_that_cannot_be_serialized_is_returned_and_not_cached()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.Serializer = new FailingSerializer());
        using var metrics = new MetricCollector(set[0]);
        var method = Cached.Method<string>(set[0], new CachePolicy("s:{id}"));
        Assert.Equal("a", await method.GetAsync("1", () => "a"));
        Assert.Equal("b", await method.GetAsync("1", () => "b"));

        // The first failure stops caching the method in this process: the second call runs it without trying again.
        Assert.Equal(1, metrics.Sum("cachegen.serialization.errors", ("operation", "write")));
        Assert.False(method.IsCaching);
    }

    [Fact]
    public async Task A_pluggable_serializer_is_used_for_reads_and_writes()
    {
        var serializer = new CountingSerializer();
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.Serializer = serializer);
        var method = Cached.Method<string>(set[0], new CachePolicy("s:{id}"));
        await method.GetAsync("1", () => "a");
        await method.GetAsync("1", () => "b");
        Assert.Equal((2, 2), (serializer.Writes, serializer.Reads)); // the first value is read back and written again once before it is stored
    }

    private sealed class FailingSerializer : ICacheSerializer
    {
        public void Serialize<T>(T value, IBufferWriter<byte> destination) => throw new NotSupportedException("cannot serialize");

        public T Deserialize<T>(ReadOnlySpan<byte> source) => throw new NotSupportedException();
    }

    private sealed class CountingSerializer : ICacheSerializer
    {
        private readonly SystemTextJsonCacheSerializer _inner = new();

        public int Writes { get; private set; }

        public int Reads { get; private set; }

        public void Serialize<T>(T value, IBufferWriter<byte> destination)
        {
            Writes++;
            _inner.Serialize(value, destination);
        }

        public T Deserialize<T>(ReadOnlySpan<byte> source)
        {
            Reads++;
            return _inner.Deserialize<T>(source);
        }
    }
}
