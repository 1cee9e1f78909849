using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CacheGen.Internals;
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
            // Not repeated: it may hold a password.
            throw new UsageException($"--redis is not a StackExchange.Redis configuration string (host:port[,password=…][,ssl=true]): {e.Message}", e);
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
            // The endpoints only, never the password; and none of the client library's advice to its own users.
            var endpoints = string.Join(", ", options.EndPoints.Select(EndPointText.Of));
            throw new UnreachableException($"Cannot reach Redis at {endpoints} ({e.FailureType}): check the address and port, that the server is running, that this machine may connect to it, and the password or TLS settings.", e);
        }
    }
}
