// A "simple" Redis helper that opens a multiplexer for each operation and disposes it at the end, in the usual
// shapes (using, await using, using block, Close in finally, explicit Dispose). The last method hands its connection to the caller, which is fine.
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.PerCallConnection;

public sealed class RedisHelper
{
    private readonly string _configuration;

    public RedisHelper(string configuration) => _configuration = configuration;

    public string? Get(string key)
    {
        using var connection = ConnectionMultiplexer.Connect(_configuration); // expect: CG1007
        return connection.GetDatabase().StringGet(key);
    }

    public async Task<bool> SetAsync(string key, string value, TimeSpan ttl)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_configuration); // expect: CG1007
        return await connection.GetDatabase().StringSetAsync(key, value, ttl);
    }

    public long Publish(string channel, string message)
    {
        var options = ConfigurationOptions.Parse(_configuration);
        options.AbortOnConnectFail = false;
        using (var connection = ConnectionMultiplexer.Connect(options)) // expect: CG1007
        {
            return connection.GetSubscriber().Publish(RedisChannel.Literal(channel), message);
        }
    }

    public async Task<TimeSpan> PingAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(_configuration); // expect: CG1007
        try
        {
            return await connection.GetDatabase().PingAsync();
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    public bool Exists(string key)
    {
        var connection = ConnectionMultiplexer.Connect(_configuration); // expect: CG1007
        var exists = connection.GetDatabase().KeyExists(key);
        connection.Dispose();
        return exists;
    }

    public async Task<IConnectionMultiplexer> OpenAsync()
    {
        // Factory: the caller owns and shares the connection.
        var connection = await ConnectionMultiplexer.ConnectAsync(_configuration);
        connection.ConnectionFailed += (_, e) => Console.Error.WriteLine($"redis connection failed: {e.FailureType}");
        return connection;
    }
}
