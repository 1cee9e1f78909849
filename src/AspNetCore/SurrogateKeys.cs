using System;
using System.Collections.Generic;
using System.Text;

namespace CacheGen.AspNetCore;

/// <summary>
/// The surrogate keys that name CacheGen entries at a CDN: <c>k:&lt;key&gt;</c> for a cache key, <c>t:&lt;tag&gt;</c>
/// for a tag, and <c>ks:&lt;keyspace&gt;</c> for a response whose keys did not fit its header. A purge for an
/// invalidated key names the key and its keyspace; for a tag, the tag.
/// </summary>
/// <remarks>
/// Tokens carry no space, comma, quote or control character (escaped as <c>%XX</c>), so one encoding serves the
/// space-separated <c>Surrogate-Key</c> and <c>xkey</c> headers and the comma-separated <c>Cache-Tag</c>.
/// </remarks>
public static class SurrogateKeys
{
    /// <summary>The surrogate key of a logical cache key, for example <c>k:revenue:2026:6</c>.</summary>
    public static string ForKey(string logicalKey) => "k:" + Encode(logicalKey);

    /// <summary>The surrogate key of a tag, for example <c>t:revenue</c>.</summary>
    public static string ForTag(string tag) => "t:" + Encode(tag);

    /// <summary>The surrogate key that stands for every key of a keyspace on a response whose keys did not fit.</summary>
    public static string ForKeyspace(string keyspace) => "ks:" + Encode(keyspace);

    /// <summary>What a purge names for an invalidated key: the key, and its keyspace (for responses that overflowed).</summary>
    public static IReadOnlyList<string> ForKeyInvalidation(string logicalKey) => [ForKey(logicalKey), ForKeyspace(CacheKeyTemplate.KeyspaceOf(logicalKey))];

    /// <summary>What a purge names for an invalidated tag.</summary>
    public static IReadOnlyList<string> ForTagInvalidation(string tag) => [ForTag(tag)];

    /// <summary>
    /// The surrogate keys of a response built from <paramref name="entries"/>: every key and tag once, in order; when
    /// they do not fit in <paramref name="maxLength"/> characters, the keys are replaced by their keyspaces; null when
    /// even that does not fit (the response must then not be shared).
    /// </summary>
    internal static List<string>? ForResponse(IReadOnlyList<CacheTraceEntry> entries, int maxLength)
    {
        var exact = Collect(entries, byKeyspace: false);
        if (Length(exact) <= maxLength)
        {
            return exact;
        }

        var collapsed = Collect(entries, byKeyspace: true);
        return Length(collapsed) <= maxLength ? collapsed : null;
    }

    private static List<string> Collect(IReadOnlyList<CacheTraceEntry> entries, bool byKeyspace)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.Key is { } key && seen.Add(byKeyspace ? ForKeyspace(entry.Keyspace) : ForKey(key)))
            {
                keys.Add(byKeyspace ? ForKeyspace(entry.Keyspace) : ForKey(key));
            }

            if (entry.Tags is { } tags)
            {
                foreach (var tag in tags)
                {
                    var token = ForTag(tag);
                    if (seen.Add(token))
                    {
                        keys.Add(token);
                    }
                }
            }
        }

        return keys;
    }

    // As written in the widest form: ", " between tokens (Cache-Tag).
    private static int Length(List<string> keys)
    {
        var length = Math.Max(0, (keys.Count - 1) * 2);
        foreach (var key in keys)
        {
            length += key.Length;
        }

        return length;
    }

    internal static string Encode(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Separators, quotes, '%' (so that escaped and unescaped text cannot meet), control and non-ASCII characters.
    private static bool NeedsEscape(char c) => c is <= ' ' or ',' or '"' or '%' or ';' or '\\' or >= (char)0x7F;
}
