using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace CacheGen;

/// <summary>What one cached call found in one layer.</summary>
public enum CacheLayerOutcome
{
    /// <summary>The layer had a fresh value.</summary>
    Hit,

    /// <summary>The layer had no value (or an unreadable one).</summary>
    Miss,

    /// <summary>The layer had a value past its TTL, served while one caller refreshes it.</summary>
    Stale,
}

/// <summary>One cached call of a trace: its keyspace and what L1 and Redis found.</summary>
/// <param name="Keyspace">The key template's literal head, for example <c>revenue</c>.</param>
/// <param name="L1">What the in-process cache found, or null when the method has no L1 (or was not asked).</param>
/// <param name="Redis">What Redis found, or null when it was not asked (an L1 hit, or Redis unavailable).</param>
/// <param name="Key">The logical key read, for example <c>revenue:2026:6</c> (what a CDN's surrogate keys name).</param>
/// <param name="Tags">The entry's tags, or null when it has none.</param>
public readonly record struct CacheTraceEntry(string Keyspace, CacheLayerOutcome? L1, CacheLayerOutcome? Redis, string? Key = null, IReadOnlyList<string>? Tags = null);

/// <summary>
/// Records, for the current async flow (an HTTP request, say), what every cached call found in each layer — the data
/// behind an <c>X-Cache</c> header. Costs nothing until the first trace is begun in the process.
/// </summary>
/// <example><code>
/// app.Use(async (context, next) =>
/// {
///     using var trace = CacheTrace.Begin();
///     context.Response.OnStarting(() => { context.Response.Headers["X-Cache"] = trace.ToHeaderValue(); return Task.CompletedTask; });
///     await next();
/// });
/// </code></example>
public sealed class CacheTrace : IDisposable
{
    private static readonly AsyncLocal<CacheTrace?> Ambient = new();
    private static volatile bool s_used;

    private readonly CacheTrace? _outer;
    private readonly List<CacheTraceEntry> _entries = [];

    private CacheTrace(CacheTrace? outer) => _outer = outer;

    /// <summary>The trace of the current flow, or null.</summary>
    public static CacheTrace? Current => s_used ? Ambient.Value : null;

    /// <summary>The calls recorded so far, in order.</summary>
    public IReadOnlyList<CacheTraceEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>Begins a trace for the current async flow; dispose it to end it.</summary>
    public static CacheTrace Begin()
    {
        s_used = true;
        var trace = new CacheTrace(Ambient.Value);
        Ambient.Value = trace;
        return trace;
    }

    /// <summary>
    /// The header form: one entry per cached call, <c>keyspace L1=HIT Redis=-</c>, comma-separated; <c>-</c> means the
    /// layer was not asked (or the method has no L1). Empty when no cached call was made.
    /// </summary>
    public string ToHeaderValue()
    {
        var text = new StringBuilder();
        foreach (var entry in Entries)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(entry.Keyspace).Append(" L1=").Append(Name(entry.L1)).Append(" Redis=").Append(Name(entry.Redis));
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ReferenceEquals(Ambient.Value, this))
        {
            Ambient.Value = _outer;
        }
    }

    internal void Record(string keyspace, CacheLayerOutcome? l1, CacheLayerOutcome? redis, string? key = null, IReadOnlyList<string>? tags = null)
    {
        lock (_entries)
        {
            _entries.Add(new CacheTraceEntry(keyspace, l1, redis, key, tags));
        }
    }

    /// <summary>An L1 hit: the key and tags come from the entry (a hit renders no string of its own).</summary>
    internal void RecordLocalHit(string keyspace, string key, Internals.TagState[]? tags)
    {
        string[]? names = null;
        if (tags is not null)
        {
            names = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                names[i] = tags[i].Tag;
            }
        }

        Record(keyspace, CacheLayerOutcome.Hit, null, key, names);
    }

    private static string Name(CacheLayerOutcome? outcome) => outcome switch
    {
        CacheLayerOutcome.Hit => "HIT",
        CacheLayerOutcome.Miss => "MISS",
        CacheLayerOutcome.Stale => "STALE",
        _ => "-",
    };
}
