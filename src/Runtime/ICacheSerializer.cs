using System;
using System.Buffers;

namespace CacheGen;

/// <summary>Turns cached values into bytes and back. Implementations must be thread-safe.</summary>
/// <remarks>
/// A value that cannot be read back (a changed type, a corrupt entry) is treated by CacheGen as a miss, logged and
/// counted; <see cref="Deserialize{T}"/> may throw to signal it.
/// </remarks>
public interface ICacheSerializer
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/>.</summary>
    void Serialize<T>(T value, IBufferWriter<byte> destination);

    /// <summary>Reads a value written by <see cref="Serialize{T}"/>.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> source);
}
