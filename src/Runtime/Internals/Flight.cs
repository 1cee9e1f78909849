using System.Threading;
using System.Threading.Tasks;

namespace CacheGen.Internals;

/// <summary>
/// One in-process load of one key that concurrent callers share (single flight), fenced by invalidations: a caller
/// that joins is handed the flight's value only if nothing can have been invalidated between its arrival and the
/// moment the value was settled.
/// </summary>
/// <remarks>
/// Redis orders everything: an invalidation deletes the value and the lease before it is acknowledged. So a value that
/// a Redis answer settled — a read that returned it, or the conditional write that stored it — reflects every
/// invalidation acknowledged before that command was sent, on any instance. Each joiner takes a ticket; before the
/// leader sends a command whose answer may become the value it records how many tickets were out
/// (<see cref="CoverJoinersSoFar"/>). Joiners with a later ticket, and every joiner when the write was rejected, load
/// again. A flight that never reached Redis (fail-open) is fenced by this instance's own invalidation version only.
/// <para>A tag invalidation is not ordered with the value's key in Redis (the tag's token lives under a key of its own),
/// so a flight of a tagged entry also holds the states of its tags from its start: a joiner is served only if none of
/// them was invalidated since.</para>
/// </remarks>
internal sealed class Flight<T>(int version, TagState[]? tags = null)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tickets;
    private int _covered;
    private int _withoutRedis;
    private int _redisFailed;
    private int _foundInRedis;

    /// <summary>The key's invalidation version (<see cref="LocalIndex.VersionOf"/>) when the flight began.</summary>
    public int Version { get; } = version;

    public Task<T> Task => _completion.Task;

    /// <summary>Joins the flight; the ticket says when, relative to the leader's Redis commands.</summary>
    public int Join() => Interlocked.Increment(ref _tickets);

    /// <summary>
    /// The leader is about to send a command whose answer may settle the value, or to run a load of its own (which reads
    /// the database after every joiner so far arrived): either covers every joiner so far.
    /// </summary>
    public void CoverJoinersSoFar() => Volatile.Write(ref _covered, Volatile.Read(ref _tickets));

    /// <summary>The value was not settled by Redis after all (the write was rejected or failed): it covers no joiner.</summary>
    public void NotSettledByRedis() => Volatile.Write(ref _covered, 0);

    /// <summary>The value was loaded without Redis (fail-open): only this instance's invalidation version fences it.</summary>
    public void LoadedWithoutRedis() => Volatile.Write(ref _withoutRedis, 1);

    /// <summary>A command of the leader failed (timed out, connection broken): joiners that load again skip Redis.</summary>
    public void RedisFailed() => Volatile.Write(ref _redisFailed, 1);

    /// <summary>The leader found the value in Redis (its lease script answered with it, without waiting): a Redis hit for
    /// everyone the flight serves.</summary>
    public void FoundInRedis() => Volatile.Write(ref _foundInRedis, 1);

    /// <summary>What Redis answered the flight: a hit when the leader found the value there, else a miss.</summary>
    public CacheLayerOutcome RedisOutcome => Volatile.Read(ref _foundInRedis) != 0 ? CacheLayerOutcome.Hit : CacheLayerOutcome.Miss;

    /// <summary>Whether a command of the leader failed.</summary>
    public bool HasRedisFailed => Volatile.Read(ref _redisFailed) != 0;

    /// <summary>Whether the joiner holding <paramref name="ticket"/> may be handed the value.</summary>
    public bool Serves(int ticket, int currentVersion) =>
        (Volatile.Read(ref _withoutRedis) != 0 ? currentVersion == Version : ticket <= Volatile.Read(ref _covered)) && TagState.AllCurrent(tags);

    public void Complete(T value) => _completion.TrySetResult(value);

    public void Fail(System.Exception exception) => _completion.TrySetException(exception);
}
