using System.Collections.Concurrent;
using CacheGen;

namespace CacheGen.EndToEnd.Repositories;

/// <summary>A scoped resource, like a DbContext: unusable once its scope has ended.</summary>
public sealed class ScopedConnection : IDisposable
{
    private static int s_next;

    public int Id { get; } = Interlocked.Increment(ref s_next);

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

public interface ISessionReports
{
    Task<string> DescribeAsync(int day, CancellationToken ct = default);
}

/// <summary>A scoped repository with a stale window: its background refreshes must not use a request's disposed scope.</summary>
public sealed class SessionReports(ScopedConnection connection) : ISessionReports
{
    public static ConcurrentQueue<int> LoadsByConnection { get; } = new();

    [Cached("session-report:{day}", TtlSeconds = 10, JitterPercent = 0, StaleSeconds = 300)]
    public Task<string> DescribeAsync(int day, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(connection.Disposed, connection);
        LoadsByConnection.Enqueue(connection.Id);
        return Task.FromResult($"day {day} via connection {connection.Id}");
    }
}
