using System;
using System.Collections.Generic;

namespace CacheGen.Internals;

/// <summary>
/// The last invalidations this instance applied, oldest overwritten first. A Redis that comes back from a snapshot, or
/// a replica promoted in a failover, may have lost deletes it had acknowledged: they are applied again from here.
/// </summary>
internal sealed class RecentInvalidations(int capacity)
{
    private readonly string?[] _keys = new string?[capacity];
    private readonly object _gate = new();
    private int _next;

    public void Record(string logicalKey)
    {
        lock (_gate)
        {
            _keys[_next] = logicalKey;
            _next = (_next + 1) % _keys.Length;
        }
    }

    /// <summary>Every remembered key once, oldest first.</summary>
    public List<string> Keys()
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                if (_keys[(_next + i) % _keys.Length] is { } key && seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }
}
