using System;
using System.ComponentModel;
using System.Globalization;

namespace CacheGen;

/// <summary>
/// Formats key values exactly as generated code does: invariant culture, round-trip forms, ISO 8601 for dates and
/// times, <see langword="null"/> for a missing value. Use it to build hand-written keys that match generated ones.
/// </summary>
/// <remarks>Enums are formatted by their numeric value (generated code casts them to their underlying type), so
/// renaming a member does not change keys.</remarks>
public static class CacheKeyFormat
{
    /// <summary>Formats the value.</summary>
    public static string? Format(string? value) => value;

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(char value) => value.ToString();

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(char? value) => value?.ToString();

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(bool value) => value ? "true" : "false";

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(bool? value) => value is { } v ? Format(v) : null;

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(sbyte value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(sbyte? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(byte value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(byte? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(short value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(short? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(ushort value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(ushort? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(uint value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(uint? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(ulong? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(float? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string Format(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(string?)"/>
    public static string? Format(Guid? value) => value?.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Formats the value in the ISO 8601 round-trip form (<c>"O"</c>), which keeps its <see cref="DateTimeKind"/>.</summary>
    public static string Format(DateTime value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(DateTime)"/>
    public static string? Format(DateTime? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats the value in the ISO 8601 round-trip form (<c>"O"</c>), with its offset.</summary>
    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(DateTimeOffset)"/>
    public static string? Format(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats the value as ISO 8601 <c>yyyy-MM-dd</c>.</summary>
    public static string Format(DateOnly value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(DateOnly)"/>
    public static string? Format(DateOnly? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats the value as ISO 8601 <c>HH:mm:ss.fffffff</c>.</summary>
    public static string Format(TimeOnly value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(TimeOnly)"/>
    public static string? Format(TimeOnly? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats the value in the constant form <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Format(TimeSpan)"/>
    public static string? Format(TimeSpan? value) => value?.ToString("c", CultureInfo.InvariantCulture);
}
