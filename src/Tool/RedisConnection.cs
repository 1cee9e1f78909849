using System;
using System.IO;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace CacheGen.Tool;

/// <summary>Connects to Redis for a command: admin commands allowed, a failure to connect reported as unreachable.</summary>
internal static class RedisConnection
{
    public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--redis '{configuration}' is not a StackExchange.Redis configuration string: {e.Message}", e);
        }

        options.AllowAdmin = true;
        options.AbortOnConnectFail = true;
        options.ClientName ??= "cachegen-tool";
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 5000;
        }

        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options, TextWriter.Null).ConfigureAwait(false);
        }
        catch (RedisConnectionException e)
        {
            throw new UnreachableException($"Cannot reach Redis at '{configuration}': {e.Message}", e);
        }
    }
}
