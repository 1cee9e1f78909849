using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace CacheGen.Internals;

/// <summary>
/// The confirmations an instance waits for after publishing an invalidation: <c>PUBLISH</c> answers how many
/// subscribers received the message (this instance included), and each of them confirms once it has evicted its L1
/// copy — the others on this instance's ack channel, this instance when its own message comes back to it.
/// </summary>
internal sealed class InvalidationAcks
{
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private long _next;

    /// <summary>Starts waiting for the confirmations of a message about to be published; dispose when done.</summary>
    public Pending Begin()
    {
        var pending = new Pending(this, Interlocked.Increment(ref _next));
        _pending[pending.Id] = pending;
        return pending;
    }

    /// <summary>A receiver confirmed message <paramref name="id"/>.</summary>
    public void Confirm(long id)
    {
        if (_pending.TryGetValue(id, out var pending))
        {
            pending.Confirmed();
        }
    }

    internal sealed class Pending(InvalidationAcks owner, long id) : IDisposable
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _confirmed;
        private int _expected = int.MaxValue;

        public long Id { get; } = id;

        public int ConfirmedCount => Volatile.Read(ref _confirmed);

        /// <summary>Sets how many confirmations to wait for (what <c>PUBLISH</c> answered).</summary>
        public Task Expect(long receivers)
        {
            Volatile.Write(ref _expected, (int)Math.Min(receivers, int.MaxValue));
            Check();
            return _all.Task;
        }

        public void Confirmed()
        {
            Interlocked.Increment(ref _confirmed);
            Check();
        }

        public void Dispose() => owner._pending.TryRemove(Id, out _);

        private void Check()
        {
            if (Volatile.Read(ref _confirmed) >= Volatile.Read(ref _expected))
            {
                _all.TrySetResult();
            }
        }
    }
}
