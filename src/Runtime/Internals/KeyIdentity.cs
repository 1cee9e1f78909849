using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace CacheGen.Internals;

/// <summary>
/// Equality of key arguments that agrees with their rendered text. Only five key types have an <c>Equals</c> coarser
/// than their text (decimal scale and sign, floating-point sign of zero, <see cref="DateTime.Kind"/>,
/// <see cref="DateTimeOffset.Offset"/>); every other type's default equality already agrees.
/// </summary>
internal static class KeyIdentity
{
    /// <summary>Exact equality; the branches are resolved when <typeparamref name="T"/> is a value type.</summary>
    public static bool ExactEquals<T>(T a, T b)
    {
        if (typeof(T) == typeof(decimal))
        {
            return Same(Unsafe.As<T, decimal>(ref a), Unsafe.As<T, decimal>(ref b));
        }

        if (typeof(T) == typeof(double))
        {
            return BitConverter.DoubleToInt64Bits(Unsafe.As<T, double>(ref a)) == BitConverter.DoubleToInt64Bits(Unsafe.As<T, double>(ref b));
        }

        if (typeof(T) == typeof(float))
        {
            return BitConverter.SingleToInt32Bits(Unsafe.As<T, float>(ref a)) == BitConverter.SingleToInt32Bits(Unsafe.As<T, float>(ref b));
        }

        if (typeof(T) == typeof(DateTime))
        {
            return Same(Unsafe.As<T, DateTime>(ref a), Unsafe.As<T, DateTime>(ref b));
        }

        if (typeof(T) == typeof(DateTimeOffset))
        {
            return Unsafe.As<T, DateTimeOffset>(ref a).EqualsExact(Unsafe.As<T, DateTimeOffset>(ref b));
        }

        if (typeof(T) == typeof(decimal?))
        {
            return Same(Unsafe.As<T, decimal?>(ref a), Unsafe.As<T, decimal?>(ref b), static (x, y) => Same(x, y));
        }

        if (typeof(T) == typeof(double?))
        {
            return Same(Unsafe.As<T, double?>(ref a), Unsafe.As<T, double?>(ref b), static (x, y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y));
        }

        if (typeof(T) == typeof(float?))
        {
            return Same(Unsafe.As<T, float?>(ref a), Unsafe.As<T, float?>(ref b), static (x, y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y));
        }

        if (typeof(T) == typeof(DateTime?))
        {
            return Same(Unsafe.As<T, DateTime?>(ref a), Unsafe.As<T, DateTime?>(ref b), static (x, y) => Same(x, y));
        }

        if (typeof(T) == typeof(DateTimeOffset?))
        {
            return Same(Unsafe.As<T, DateTimeOffset?>(ref a), Unsafe.As<T, DateTimeOffset?>(ref b), static (x, y) => x.EqualsExact(y));
        }

        return EqualityComparer<T>.Default.Equals(a, b);
    }

    /// <summary>A hash consistent with <see cref="ExactEquals{T}"/> (equal by it ⇒ equal by default equality ⇒ same hash).</summary>
    public static int ExactHashCode<T>(T value) => value is null ? 0 : EqualityComparer<T>.Default.GetHashCode(value);

    /// <summary>
    /// Whether default equality of <paramref name="type"/> (a key argument, or a value tuple of them) can call two
    /// values equal that render to different key text.
    /// </summary>
    public static bool IsCoarserThanText(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(decimal) || underlying == typeof(double) || underlying == typeof(float)
            || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset))
        {
            return true;
        }

        if (underlying.IsGenericType && underlying.FullName is { } name && name.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
        {
            foreach (var argument in underlying.GetGenericArguments())
            {
                if (IsCoarserThanText(argument))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Same(decimal a, decimal b) => a == b && a.Scale == b.Scale && decimal.IsNegative(a) == decimal.IsNegative(b);

    private static bool Same(DateTime a, DateTime b) => a.Ticks == b.Ticks && a.Kind == b.Kind;

    private static bool Same<TValue>(TValue? a, TValue? b, Func<TValue, TValue, bool> same)
        where TValue : struct =>
        a.HasValue ? b.HasValue && same(a.GetValueOrDefault(), b.GetValueOrDefault()) : !b.HasValue;
}

/// <summary>
/// For hand-written <c>TKey</c>s whose default equality is coarser than their text (generated code wraps such
/// arguments in <see cref="CacheKeyPart{T}"/> instead): two keys are equal only when they also render to the same key.
/// Such a method's L1 hit renders its key, so it allocates.
/// </summary>
internal sealed class RenderedKeyComparer<TKey>(Func<TKey, string> render) : IEqualityComparer<TKey>
    where TKey : notnull
{
    public bool Equals(TKey? x, TKey? y) =>
        EqualityComparer<TKey>.Default.Equals(x, y) && string.Equals(render(x!), render(y!), StringComparison.Ordinal);

    public int GetHashCode(TKey obj) => EqualityComparer<TKey>.Default.GetHashCode(obj);
}
