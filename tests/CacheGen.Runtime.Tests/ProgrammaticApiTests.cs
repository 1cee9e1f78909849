using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CacheGen.Tests;

/// <summary>
/// <see cref="ICacheGen"/>: any call cached on the generated path — Redis, L1, one load per key across instances, tags,
/// invalidation, configuration — with the state passed through instead of captured.
/// </summary>
[Collection(RedisServerGroup.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The tests call the engine through the interface applications use.")]
public sealed class ProgrammaticApiTests(RedisServerFixture server)
{
    /// <summary>The engine as applications see it.</summary>
    private static ICacheGen Api(CacheEngine engine) => engine;

    private static readonly CacheEntryOptions WithL1 = new() { TtlSeconds = 300, LocalTtlSeconds = 300, Tags = ["report"] };

    [Fact]
    public async Task A_call_is_cached_in_redis_under_its_own_key_and_read_by_other_instances()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var database = new FakeDatabase<string>("v1");
        var first = Api(set[0]);
        var second = Api(set[1]);

        Assert.Equal("v1", await first.GetOrLoadAsync("report:2026:6", database, static (db, _) => ValueTask.FromResult(db.Read())));
        Assert.Equal("v1", await second.GetOrLoadAsync("report:2026:6", database, static (db, _) => ValueTask.FromResult(db.Read())));
        Assert.Equal(1, database.Loads);

        var redis = set[0].Connection!.GetDatabase();
        var ttl = await redis.KeyTimeToLiveAsync(set.ValueKey("report:2026:6"));
        Assert.InRange(ttl!.Value.TotalSeconds, 260, 331); // the default 300 s, ± 10 % jitter
    }

    [Fact]
    public async Task Key_and_tag_invalidations_reach_programmatic_entries_in_every_layer()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var database = new FakeDatabase<string>("old");
        foreach (ICacheGen engine in set.Engines)
        {
            Assert.Equal("old", await engine.GetOrLoadAsync("report:1", database, static (db, _) => ValueTask.FromResult(db.Read()), WithL1));
            Assert.Equal("old", await engine.GetOrLoadAsync("report:2", database, static (db, _) => ValueTask.FromResult(db.Read()), WithL1));
        }

        Assert.Equal(2, database.Loads); // the second instance read Redis

        database.Value = "new";
        await set[0].InvalidateAsync("report:1");
        foreach (ICacheGen engine in set.Engines)
        {
            Assert.Equal("new", await engine.GetOrLoadAsync("report:1", database, static (db, _) => ValueTask.FromResult(db.Read()), WithL1));
            Assert.Equal("old", await engine.GetOrLoadAsync("report:2", database, static (db, _) => ValueTask.FromResult(db.Read()), WithL1));
        }

        await set[1].InvalidateTagAsync("report");
        foreach (ICacheGen engine in set.Engines)
        {
            Assert.Equal("new", await engine.GetOrLoadAsync("report:2", database, static (db, _) => ValueTask.FromResult(db.Read()), WithL1));
        }
    }

    [Fact]
    public async Task A_stampede_of_calls_costs_one_load_across_instances()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 3);
        var loads = 0;
        var release = new Gate();
        var calls = set.Engines.SelectMany(e => Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await ((ICacheGen)e).GetOrLoadAsync(
            "stampede:1",
            (Release: release, Count: new Func<int>(() => Interlocked.Increment(ref loads))),
            static async (s, _) =>
            {
                s.Count();
                await s.Release.WaitAsync();
                return "v";
            })))).ToArray();

        // However many callers arrive before the gate opens, the one load is all there is: the others wait for its
        // lease or read what it wrote.
        release.Open();
        Assert.All(await Task.WhenAll(calls), v => Assert.Equal("v", v));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Configuration_of_the_keys_keyspace_replaces_the_options()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, o => o.Keyspaces["configured"] = new KeyspaceOptions { TtlSeconds = 40, JitterPercent = 0 });
        await ((ICacheGen)set[0]).GetOrLoadAsync("configured:1", 0, static (_, _) => ValueTask.FromResult("v"), new CacheEntryOptions { TtlSeconds = 3000 });
        var ttl = await set[0].Connection!.GetDatabase().KeyTimeToLiveAsync(set.ValueKey("configured:1"));
        Assert.InRange(ttl!.Value.TotalSeconds, 30, 40);
    }

    [Fact]
    public async Task Bad_arguments_say_what_to_change()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var cache = Api(set[0]);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await cache.GetOrLoadAsync("", 0, static (_, _) => ValueTask.FromResult(1)));
        var range = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cache.GetOrLoadAsync("k:1", 0, static (_, _) => ValueTask.FromResult(1), new CacheEntryOptions { TtlSeconds = 0 }));
        Assert.Contains("TtlSeconds", range.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await cache.GetOrLoadAsync("k:1", 0, static (_, _) => ValueTask.FromResult(1), new CacheEntryOptions { Tags = [""] }));
    }

    [Fact]
    public async Task Add_cache_gen_serves_the_programmatic_api_from_the_same_engine()
    {
        await using var provider = new ServiceCollection()
            .AddCacheGen(o => o.Redis = server.Endpoint)
            .Services.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<CacheEngine>(), provider.GetRequiredService<ICacheGen>());
    }
}
