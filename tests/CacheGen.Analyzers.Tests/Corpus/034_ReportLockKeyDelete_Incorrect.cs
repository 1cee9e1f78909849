// Report generation guarded by Redis locks that are released with a plain DEL: once the work outlives the lock's
// expiry, the DEL removes the next holder's lock. Deleting the cached report itself is fine.
using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.ReportLocks;

public interface IReportBuilder
{
    Task<string> BuildAsync(int accountId, CancellationToken ct);
}

public sealed class ReportCoordinator
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private readonly IDatabase _db;
    private readonly IReportBuilder _builder;

    public ReportCoordinator(IConnectionMultiplexer redis, IReportBuilder builder)
    {
        _db = redis.GetDatabase();
        _builder = builder;
    }

    public async Task<string?> RebuildAsync(int accountId, CancellationToken ct)
    {
        var lockKey = $"lock:report:{accountId}";
        var token = Environment.MachineName + ":" + Environment.CurrentManagedThreadId;
        if (!_db.LockTake(lockKey, token, LockTimeout))
        {
            return null;
        }

        try
        {
            var report = await _builder.BuildAsync(accountId, ct);
            await _db.StringSetAsync($"report:{accountId}", report, TimeSpan.FromHours(6));
            return report;
        }
        finally
        {
            _db.KeyDelete(lockKey); // expect: CG1005
        }
    }

    public async Task<bool> RunExclusiveAsync(string jobName, Func<CancellationToken, Task> job, CancellationToken ct)
    {
        var lockKey = "lock:job:" + jobName;
        var acquired = await _db.StringSetAsync(lockKey, Environment.MachineName, LockTimeout, When.NotExists);
        if (!acquired)
        {
            return false;
        }

        try
        {
            await job(ct);
            return true;
        }
        finally
        {
            await _db.KeyDeleteAsync(lockKey, CommandFlags.FireAndForget); // expect: CG1005
        }
    }

    public async Task InvalidateReportAsync(int accountId, CancellationToken ct)
    {
        var lockKey = $"lock:report:{accountId}";
        var token = Guid.NewGuid().ToString("N");
        if (await _db.LockTakeAsync(lockKey, token, LockTimeout))
        {
            try
            {
                // Deleting the report, not the lock: nothing wrong here.
                await _db.KeyDeleteAsync($"report:{accountId}");
            }
            finally
            {
                await _db.LockReleaseAsync(lockKey, token);
            }
        }
    }

    public bool RecalculateQuota(int accountId, Action<int> recalculate)
    {
        // The 3.4 overload: Expiration + ValueCondition.NotExists is the same SET key value PX NX.
        var lockKey = $"lock:quota:{accountId}";
        if (!_db.StringSet(lockKey, Environment.MachineName, TimeSpan.FromSeconds(10), ValueCondition.NotExists))
        {
            return false;
        }

        recalculate(accountId);
        _db.KeyDelete(lockKey); // expect: CG1005
        return true;
    }

    public void ResetMarker(int accountId)
    {
        // Not a lock: a plain marker written without When.NotExists, later removed.
        var markerKey = $"report:{accountId}:dirty";
        _db.StringSet(markerKey, "1", TimeSpan.FromMinutes(5), When.Always);
        _db.KeyDelete(markerKey);
    }
}
