using CacheGen.Tests.Infrastructure;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class LocalCacheTests(RedisServerFixture server)
{
    [Fact]
    public async Task An_L1_hit_of_an_int_tuple_key_allocates_nothing()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var policy = new CachePolicy("revenue:{year}:{month}", ttlSeconds: 300, localTtlSeconds: 300);
        var method = set[0].GetCachedMethod<(int, int), string>(policy, k => policy.Template.Render(k.Item1.ToString(System.Globalization.CultureInfo.InvariantCulture), k.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var inner = new object();
        Func<(object, int, int), CancellationToken, ValueTask<string>> loader = static (s, _) => ValueTask.FromResult($"{s.Item2}-{s.Item3}");
        Assert.Equal("2024-5", await method.GetOrLoadAsync((2024, 5), (inner, 2024, 5), loader));
        Assert.Equal("2024-5", await method.GetOrLoadTaskAsync((2024, 5), (inner, 2024, 5), loader));

        // Warm up, then measure many hits on this thread.
        for (var i = 0; i < 100; i++)
        {
            Assert.True(method.GetOrLoadAsync((2024, 5), (inner, 2024, 5), loader).IsCompletedSuccessfully);
            Assert.True(method.GetOrLoadTaskAsync((2024, 5), (inner, 2024, 5), loader).IsCompletedSuccessfully);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            var value = method.GetOrLoadAsync((2024, 5), (inner, 2024, 5), loader);
            Assert.True(value.IsCompletedSuccessfully);
            var task = method.GetOrLoadTaskAsync((2024, 5), (inner, 2024, 5), loader);
            Assert.True(task.IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task An_L1_hit_of_a_key_with_exact_identity_parts_allocates_nothing()
    {
        // What generated code passes for decimal and DateTimeOffset arguments: their identity agrees with their text,
        // and comparing it costs no string.
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var policy = new CachePolicy("price:{amount}:{at}", ttlSeconds: 300, localTtlSeconds: 300);
        var method = set[0].GetCachedMethod<(CacheKeyPart<decimal>, CacheKeyPart<DateTimeOffset>), string>(policy, k => policy.Template.Render(CacheKeyFormat.Format(k.Item1.Value), CacheKeyFormat.Format(k.Item2.Value)));
        var key = (new CacheKeyPart<decimal>(1.50m), new CacheKeyPart<DateTimeOffset>(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.FromHours(1))));
        Func<int, CancellationToken, ValueTask<string>> loader = static (_, _) => ValueTask.FromResult("v");
        Assert.Equal("v", await method.GetOrLoadAsync(key, 0, loader));
        for (var i = 0; i < 100; i++)
        {
            Assert.True(method.GetOrLoadAsync(key, 0, loader).IsCompletedSuccessfully);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(method.GetOrLoadAsync(key, 0, loader).IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task L1_serves_without_redis_and_respects_its_size_bound()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.LocalCacheMaxEntries = 100);
        var method = Cached.Method<string>(set[0], new CachePolicy("l1:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        for (var i = 0; i < 500; i++)
        {
            await method.GetAsync($"{i}", () => "v");
        }

        Assert.InRange(set[0].Local.Count, 1, 100);

        // A hit in L1 does not touch Redis: delete the Redis copy behind its back and it is still served.
        await method.GetAsync("hot", () => "v1");
        await set[0].Connection!.GetDatabase().KeyDeleteAsync(set.ValueKey(method.FormatKey("hot")));
        Assert.Equal("v1", await method.GetAsync("hot", () => "v2"));
    }

    [Fact]
    public async Task Without_LocalTtlSeconds_there_is_no_L1()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("nol1:{id}", ttlSeconds: 300));
        await method.GetAsync("k", () => "v1");
        Assert.Equal(0, set[0].Local.Count);
        await set[0].Connection!.GetDatabase().KeyDeleteAsync(set.ValueKey(method.FormatKey("k")));
        Assert.Equal("v2", await method.GetAsync("k", () => "v2"));
    }

    [Fact]
    public async Task A_local_invalidation_evicts_the_own_L1_at_once()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("own:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        await method.GetAsync("k", () => "v1");
        await set[0].InvalidateAsync(method.FormatKey("k"));
        Assert.Equal("v2", await method.GetAsync("k", () => "v2"));
    }

    [Fact]
    public async Task An_invalidation_between_a_loads_version_check_and_its_L1_fill_keeps_the_old_value_out()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("fill-race:{id}", ttlSeconds: 300, localTtlSeconds: 300));
        var logicalKey = method.FormatKey("1");
        set[0].BeforeLocalFill = key =>
        {
            if (key == logicalKey)
            {
                set[0].Local.Invalidate(key); // as if another instance's invalidation arrived just now
            }
        };

        Assert.Equal("old", await method.GetAsync("1", () => "old"));
        set[0].BeforeLocalFill = null;

        // Take the value out of Redis behind the engine's back: only an L1 copy could still answer "old".
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        Assert.True(await connection.GetDatabase().KeyDeleteAsync(set.ValueKey(logicalKey)));
        Assert.Equal("new", await method.GetAsync("1", () => "new"));
    }
}

[Collection(RedisServerGroup.Name)]
public sealed class HandWrittenKeyIdentityTests(RedisServerFixture server)
{
    [Fact]
    public async Task A_hand_written_key_whose_equality_is_coarser_than_its_text_shares_no_L1_entry()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var policy = new CachePolicy("amount:{amount}:{at}", ttlSeconds: 300, localTtlSeconds: 300);
        var method = set[0].GetCachedMethod<(decimal, DateTimeOffset), string>(policy, k => policy.Template.Render(CacheKeyFormat.Format(k.Item1), CacheKeyFormat.Format(k.Item2)));
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        Func<string, CancellationToken, ValueTask<string>> echo = static (text, _) => ValueTask.FromResult(text);

        Assert.Equal("a", await method.GetOrLoadAsync((1.0m, at), "a", echo));
        Assert.Equal("b", await method.GetOrLoadAsync((1.00m, at), "b", echo));
        Assert.Equal("c", await method.GetOrLoadAsync((1.0m, at.ToOffset(TimeSpan.FromHours(2))), "c", echo));
        Assert.Equal("a", await method.GetOrLoadAsync((1.0m, at), "not loaded again", echo));

        await set[0].InvalidateAsync(method.FormatKey((1.00m, at)));
        Assert.Equal("b2", await method.GetOrLoadAsync((1.00m, at), "b2", echo));
        Assert.Equal("a", await method.GetOrLoadAsync((1.0m, at), "not loaded again", echo));
    }
}
