using System;
using System.Buffers;
using CacheGen.Internals;
using StackExchange.Redis;

namespace CacheGen.Tool;

/// <summary>What a Redis key is in CacheGen's layout (see <see cref="RedisKeys"/>).</summary>
public enum KeyKind
{
    /// <summary>Not under the prefix, or not of CacheGen's shape.</summary>
    Other,

    /// <summary>A cached value: <c>prefix{key}</c>.</summary>
    Value,

    /// <summary>A loader's lease: <c>prefix{key}:lease</c>.</summary>
    Lease,

    /// <summary>The mark that callers wait for a lease holder: <c>prefix{key}:waiting</c>.</summary>
    Waiting,

    /// <summary>A tag's token: <c>prefix tag:{tag}</c>.</summary>
    Tag,
}

/// <summary>The stored header of a CacheGen value.</summary>
/// <param name="FreshUntil">When the value stops being fresh.</param>
/// <param name="TagTokens">The token of each of its tags when its load began; empty when it has no tags.</param>
public sealed record Envelope(DateTimeOffset FreshUntil, long[] TagTokens);

/// <summary>
/// CacheGen's Redis layout, read with the runtime's own types: keys are recognised by building them again with
/// <see cref="RedisKeys"/>, headers are read by <see cref="CachedValueCodec"/>.
/// </summary>
public static class CacheGenLayout
{
    /// <summary>How many bytes of a value hold its header, at most (255 tag tokens).</summary>
    public const int MaxHeaderLength = CachedValueCodec.HeaderLength + 1 + (8 * byte.MaxValue);

    /// <summary>The default pub/sub channel of invalidations (<see cref="CacheGenOptions.InvalidationChannel"/>).</summary>
    public static string DefaultChannel => new CacheGenOptions().InvalidationChannel;

    /// <summary>The default lease lifetime (<see cref="CacheGenOptions.LeaseTtl"/>).</summary>
    public static TimeSpan DefaultLeaseTtl => new CacheGenOptions().LeaseTtl;

    /// <summary>The channel of fill announcements that goes with an invalidation channel.</summary>
    public static string FillChannel(string invalidationChannel) => invalidationChannel + CacheEngine.FillChannelSuffix;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly CachedValueCodec HeaderCodec = new(new HeaderOnly());

    /// <summary>The value key of a logical key (braces escaped as CacheGen does).</summary>
    public static string ValueKey(string prefix, string logicalKey) => (string)new RedisKeys(prefix, RedisKeys.NormalizeLogicalKey(logicalKey)).Value!;

    /// <summary>The lease key of a logical key.</summary>
    public static string LeaseKey(string prefix, string logicalKey) => (string)new RedisKeys(prefix, RedisKeys.NormalizeLogicalKey(logicalKey)).Lease!;

    /// <summary>The key of a tag's token.</summary>
    public static string TagKey(string prefix, string tag) => (string)RedisKeys.TagKey(prefix, tag)!;

    /// <summary>What <paramref name="key"/> is, and the logical key or tag it belongs to.</summary>
    public static KeyKind Classify(string prefix, string key, out string? name)
    {
        name = null;
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return KeyKind.Other;
        }

        var rest = key.AsSpan(prefix.Length);
        if (rest.StartsWith("tag:{", StringComparison.Ordinal) && rest.EndsWith("}", StringComparison.Ordinal))
        {
            var tag = rest[5..^1].ToString();
            if (TagKey(prefix, tag) == key)
            {
                name = tag;
                return KeyKind.Tag;
            }
        }

        if (!rest.StartsWith("{", StringComparison.Ordinal))
        {
            return KeyKind.Other;
        }

        var close = rest.LastIndexOf('}');
        if (close < 1)
        {
            return KeyKind.Other;
        }

        var logical = rest[1..close].ToString();
        var keys = new RedisKeys(prefix, logical);
        if ((string?)keys.Value == key)
        {
            name = logical;
            return KeyKind.Value;
        }

        if ((string?)keys.Lease == key)
        {
            name = logical;
            return KeyKind.Lease;
        }

        if ((string?)keys.Waiting == key)
        {
            name = logical;
            return KeyKind.Waiting;
        }

        return KeyKind.Other;
    }

    /// <summary>The logical key of a value key as a fill announcement names it, or null when it is not one.</summary>
    public static string? LogicalKeyOfValueKey(string valueKey)
    {
        var open = valueKey.IndexOf('{', StringComparison.Ordinal);
        return open < 0 ? null : Classify(valueKey[..open], valueKey, out var name) == KeyKind.Value ? name : null;
    }

    /// <summary>Reads the header of stored bytes (the value's first <see cref="MaxHeaderLength"/> bytes suffice).</summary>
    public static bool TryReadEnvelope(ReadOnlySpan<byte> bytes, out Envelope? envelope)
    {
        envelope = null;
        try
        {
            HeaderCodec.Decode<object?>(bytes, out var freshUntil, out var tokens);
            envelope = new Envelope(DateTimeOffset.FromUnixTimeMilliseconds(freshUntil), tokens ?? []);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Whether a lease's value is one CacheGen grants (a 32-hex-digit token); the lease script replaces anything else.</summary>
    public static bool IsLeaseToken(string? value) =>
        value is { Length: 32 } && value.AsSpan().IndexOfAnyExcept(LowerHex) < 0;

    /// <summary>A tag's token as stored, or 0 for none.</summary>
    public static long ParseTagToken(RedisValue stored) => LeaseScripts.ParseTagToken(stored);

    // The header is all the tool reads: the payload is left to the application's serializer.
    private sealed class HeaderOnly : ICacheSerializer
    {
        public void Serialize<T>(T value, IBufferWriter<byte> destination) => throw new NotSupportedException("The tool writes no values.");

        public T Deserialize<T>(ReadOnlySpan<byte> source) => default!;
    }
}
