using System;
using System.Collections.Concurrent;

namespace CacheGen.Internals;

/// <summary>
/// Invalidations that could not reach Redis, oldest first, each key once, bounded. While it is not empty the engine
/// does not read from Redis, so a value that was invalidated during an outage is never served after it.
/// </summary>
internal sealed class InvalidationQueue(int capacity)
{
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Count => _keys.Count;

    public bool IsEmpty => _keys.IsEmpty;

    /// <summary>Queues a key; returns a key dropped to make room, or null.</summary>
    public string? Enqueue(string key)
    {
        lock (_gate)
        {
            if (!_keys.TryAdd(key, 0))
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
                if (_keys.TryRemove(oldest, out _))
                {
                    return oldest;
                }
            }

            return null;
        }
    }

    public bool TryPeek(out string key)
    {
        lock (_gate)
        {
            while (_order.TryPeek(out key!))
            {
                if (_keys.ContainsKey(key))
                {
                    return true;
                }

                _order.TryDequeue(out _);
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
                _order.TryDequeue(out _);
            }

            _keys.TryRemove(key, out _);
        }
    }
}
