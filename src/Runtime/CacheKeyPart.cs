using System;
using System.Collections.Generic;
using CacheGen.Internals;

namespace CacheGen;

/// <summary>
/// A key argument whose equality agrees with its text in the cache key. <see cref="decimal"/>, <see cref="double"/>,
/// <see cref="float"/>, <see cref="DateTime"/> and <see cref="DateTimeOffset"/> have an <c>Equals</c> that is coarser
/// than their key text (<c>1.0m</c> equals <c>1.00m</c>, <c>0.0</c> equals <c>-0.0</c>, the same instant at two offsets
/// is equal): generated code wraps such arguments in this struct so that two calls share an in-process (L1) entry
/// exactly when they share a Redis key.
/// </summary>
/// <typeparam name="T">The argument's type.</typeparam>
/// <param name="value">The argument.</param>
public readonly struct CacheKeyPart<T>(T value) : IEquatable<CacheKeyPart<T>>
{
    /// <summary>The argument.</summary>
    public T Value { get; } = value;

    /// <summary>Whether both hold the same value with the same representation: the same decimal scale and sign, the
    /// same floating-point bits, the same <see cref="DateTime.Kind"/>, the same offset.</summary>
    public bool Equals(CacheKeyPart<T> other) => KeyIdentity.ExactEquals(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CacheKeyPart<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => KeyIdentity.ExactHashCode(Value);

    /// <summary>The argument's own text.</summary>
    public override string ToString() => Value?.ToString() ?? string.Empty;

    /// <summary>Compares two parts as <see cref="Equals(CacheKeyPart{T})"/> does.</summary>
    public static bool operator ==(CacheKeyPart<T> left, CacheKeyPart<T> right) => left.Equals(right);

    /// <summary>Compares two parts as <see cref="Equals(CacheKeyPart{T})"/> does.</summary>
    public static bool operator !=(CacheKeyPart<T> left, CacheKeyPart<T> right) => !left.Equals(right);
}
