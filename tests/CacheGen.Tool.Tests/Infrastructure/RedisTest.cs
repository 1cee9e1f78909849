namespace CacheGen.Tool.Tests.Infrastructure;

/// <summary>A test class with a redis-server of its own, emptied and reset before each test.</summary>
public abstract class RedisTest(RedisProcess redis) : IClassFixture<RedisProcess>, IAsyncLifetime
{
    protected RedisProcess Redis { get; } = redis;

    public Task InitializeAsync() => Redis.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
