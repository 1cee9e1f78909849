namespace CacheGen.Tests.Infrastructure;

/// <summary>
/// A fact that pauses a server of its own with SIGSTOP, which needs Debian's redis-server
/// (CACHEGEN_REDIS_SERVER; .ci/run sets it for its second run); skipped, with that reason, otherwise.
/// </summary>
public sealed class RedisProcessFactAttribute : FactAttribute
{
    public RedisProcessFactAttribute()
    {
        if (DedicatedServer.Kind != "redis-server")
        {
            Skip = "needs a redis-server process to pause: set CACHEGEN_REDIS_SERVER=/usr/bin/redis-server (.ci/run does)";
        }
    }
}
