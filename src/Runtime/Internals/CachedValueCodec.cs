using System;
using System.Buffers;
using System.Buffers.Binary;

namespace CacheGen.Internals;

/// <summary>
/// The bytes of a cached value in Redis: a format byte, the moment the value stops being fresh (Unix ms), for a value
/// with tags the count and the token of each tag when its load began, then the serializer's payload. Redis' own
/// expiry covers the fresh and the stale window; the header tells them apart.
/// </summary>
internal sealed class CachedValueCodec(ICacheSerializer serializer)
{
    private const byte FormatVersion = 1;
    private const byte TaggedFormatVersion = 2;
    internal const int HeaderLength = 9;

    public ICacheSerializer Serializer { get; } = serializer;

    public byte[] Encode<T>(T value, long freshUntilUnixMs, long[]? tagTokens = null)
    {
        var tagged = tagTokens is { Length: > 0 };
        var headerLength = HeaderLength + (tagged ? 1 + (8 * tagTokens!.Length) : 0);
        var buffer = new ArrayBufferWriter<byte>(256 + headerLength);
        var header = buffer.GetSpan(headerLength);
        header[0] = tagged ? TaggedFormatVersion : FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(header.Slice(1), freshUntilUnixMs);
        if (tagged)
        {
            if (tagTokens!.Length > byte.MaxValue)
            {
                throw new ArgumentException($"A cached value can carry at most {byte.MaxValue} tags.", nameof(tagTokens));
            }

            header[HeaderLength] = (byte)tagTokens.Length;
            for (var i = 0; i < tagTokens.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(header.Slice(HeaderLength + 1 + (8 * i)), tagTokens[i]);
            }
        }

        buffer.Advance(headerLength);
        Serializer.Serialize(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Where the serializer's payload starts in bytes this codec wrote.</summary>
    public static int PayloadOffset(ReadOnlySpan<byte> bytes) =>
        bytes[0] == TaggedFormatVersion ? HeaderLength + 1 + (8 * bytes[HeaderLength]) : HeaderLength;

    /// <summary>Reads a stored value. Throws when the bytes are not a value of this format and type.</summary>
    public T Decode<T>(ReadOnlySpan<byte> bytes, out long freshUntilUnixMs) => Decode<T>(bytes, out freshUntilUnixMs, out _);

    /// <summary>Reads a stored value and the tag tokens it was stamped with (null when it has none).</summary>
    public T Decode<T>(ReadOnlySpan<byte> bytes, out long freshUntilUnixMs, out long[]? tagTokens)
    {
        if (bytes.Length < HeaderLength || bytes[0] is not (FormatVersion or TaggedFormatVersion))
        {
            throw new FormatException("The stored bytes are not a CacheGen value (unknown format).");
        }

        freshUntilUnixMs = BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(1));
        var payload = bytes.Slice(HeaderLength);
        tagTokens = null;
        if (bytes[0] == TaggedFormatVersion)
        {
            if (payload.IsEmpty || payload.Length < 1 + (8 * payload[0]))
            {
                throw new FormatException("The stored bytes are not a CacheGen value (truncated tag tokens).");
            }

            tagTokens = new long[payload[0]];
            for (var i = 0; i < tagTokens.Length; i++)
            {
                tagTokens[i] = BinaryPrimitives.ReadInt64LittleEndian(payload.Slice(1 + (8 * i)));
            }

            payload = payload.Slice(1 + (8 * tagTokens.Length));
        }

        return Serializer.Deserialize<T>(payload);
    }
}
