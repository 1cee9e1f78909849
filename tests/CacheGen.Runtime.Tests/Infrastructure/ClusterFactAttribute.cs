namespace CacheGen.Tests.Infrastructure;

/// <summary>A fact that needs a Redis Cluster (CACHEGEN_TEST_REDIS_CLUSTER); skipped, with that reason, otherwise.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    private const string Reason = "needs a Redis Cluster: set CACHEGEN_TEST_REDIS_CLUSTER=host:port,host:port,host:port (.ci/run starts one)";

    public ClusterFactAttribute()
    {
        if (RedisServerFixture.ClusterEndpoints is null)
        {
            Skip = Reason;
        }
    }
}
