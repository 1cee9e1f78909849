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

    /// <summary>Up to <paramref name="max"/> queued keys, oldest first (they stay queued until removed).</summary>
    public List<string> PeekBatch(int max)
    {
        var batch = new List<string>(Math.Min(max, Count));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var key in _order)
            {
                if (batch.Count == max)
                {
                    break;
                }

                if (_keys.Contains(key) && seen.Add(key))
                {
                    batch.Add(key);
                }
            }
        }

        return batch;
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            _keys.Remove(key);

            // Keys removed out of order leave their place in _order behind; drop such places from the head.
            while (_order.TryPeek(out var head) && !_keys.Contains(head))
            {
                _order.Dequeue();
            }

            Volatile.Write(ref _count, _keys.Count);
        }
    }
}
