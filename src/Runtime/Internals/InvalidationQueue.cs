using System;
using System.Collections.Generic;
using System.Threading;

namespace CacheGen.Internals;

/// <summary>
/// Invalidations that could not reach Redis, oldest first, each key once, bounded. While it is not empty the engine
/// does not read from Redis, so a value that was invalidated during an outage is never served after it.
/// </summary>
internal sealed class InvalidationQueue(int capacity)
{
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    // Read on every Redis read (IsEmpty), so it is a plain field: no lock, unlike a concurrent collection's count.
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Queues a key; returns a key dropped to make room, or null.</summary>
    public string? Enqueue(string key)
    {
        lock (_gate)
        {
            try
            {
                if (!_keys.Add(key))
                {
                    return null;
                }

                _order.Enqueue(key);
                if (_keys.Count <= capacity)
                {
                    return null;
                }

                while (_order.TryDequeue(out var oldest))
                {
                    if (_keys.Remove(oldest))
                    {
                        return oldest;
                    }
                }

                return null;
            }
            finally
            {
                Volatile.Write(ref _count, _keys.Count);
            }
        }
    }

    public bool TryPeek(out string key)
    {
        lock (_gate)
        {
            while (_order.TryPeek(out key!))
            {
                if (_keys.Contains(key))
                {
                    return true;
                }

                _order.Dequeue();
            }

            return false;
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_order.TryPeek(out var head) && head == key)
            {
                _order.Dequeue();
            }

            _keys.Remove(key);
            Volatile.Write(ref _count, _keys.Count);
        }
    }
}
