using System;
using System.Buffers;
using System.Buffers.Binary;

namespace CacheGen.Internals;

/// <summary>
/// The bytes of a cached value in Redis: a format byte, the moment the value stops being fresh (Unix ms), then the
/// serializer's payload. Redis' own expiry covers the fresh and the stale window; the header tells them apart.
/// </summary>
internal sealed class CachedValueCodec(ICacheSerializer serializer)
{
    private const byte FormatVersion = 1;
    internal const int HeaderLength = 9;

    public ICacheSerializer Serializer { get; } = serializer;

    public byte[] Encode<T>(T value, long freshUntilUnixMs)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var header = buffer.GetSpan(HeaderLength);
        header[0] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(header.Slice(1), freshUntilUnixMs);
        buffer.Advance(HeaderLength);
        Serializer.Serialize(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a stored value. Throws when the bytes are not a value of this format and type.</summary>
    public T Decode<T>(ReadOnlySpan<byte> bytes, out long freshUntilUnixMs)
    {
        if (bytes.Length < HeaderLength || bytes[0] != FormatVersion)
        {
            throw new FormatException("The stored bytes are not a CacheGen value (unknown format).");
        }

        freshUntilUnixMs = BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(1));
        return Serializer.Deserialize<T>(bytes.Slice(HeaderLength));
    }
}
