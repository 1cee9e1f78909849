using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace CacheGen.Internals;

/// <summary>
/// Whether a value comes back from the serializer as it went in: decoded from its bytes and encoded again, it must give
/// the same bytes (or, for JSON, the same document up to the order of object members) and the same runtime type.
/// Catches what the analyzer cannot see: setters the serializer skips, converters that drop a field, polymorphic values
/// that come back as their declared type or as a <see cref="JsonElement"/>.
/// </summary>
internal static class RoundTripCheck
{
    /// <summary>Returns <see langword="null"/> when <paramref name="value"/> survives, else what differs, for the log.</summary>
    public static string? FindLoss<T>(CachedValueCodec codec, T value, byte[] encoded, long freshUntil)
    {
        T decoded;
        long[]? tagTokens;
        try
        {
            decoded = codec.Decode<T>(encoded, out _, out tagTokens);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"it cannot be read back ({ex.GetType().Name}: {ex.Message})";
        }

        if (value is null || decoded is null)
        {
            return value is null == decoded is null ? null : "a value came back as null";
        }

        if (value.GetType() != decoded.GetType())
        {
            return $"a {TypeName(value.GetType())} came back as a {TypeName(decoded.GetType())}";
        }

        byte[] again;
        try
        {
            again = codec.Encode(decoded, freshUntil, tagTokens);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"what was read back cannot be written again ({ex.GetType().Name}: {ex.Message})";
        }

        if (encoded.AsSpan().SequenceEqual(again))
        {
            return null;
        }

        var first = encoded.AsMemory(CachedValueCodec.PayloadOffset(encoded));
        var second = again.AsMemory(CachedValueCodec.PayloadOffset(again));
        try
        {
            using var written = JsonDocument.Parse(first);
            using var read = JsonDocument.Parse(second);
            return FirstDifference("$", written.RootElement, read.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON: say where the bytes part.
            var offset = first.Span.CommonPrefixLength(second.Span);
            return $"its serialized bytes differ from byte {offset.ToString(CultureInfo.InvariantCulture)} on after a round trip";
        }
    }

    /// <summary>The first place two JSON documents differ, or <see langword="null"/>; object members compare by name.</summary>
    internal static string? FirstDifference(string path, JsonElement written, JsonElement read)
    {
        if (written.ValueKind != read.ValueKind)
        {
            return $"{path} was {Show(written)} and came back as {Show(read)}";
        }

        switch (written.ValueKind)
        {
            case JsonValueKind.Object:
                var readMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var member in read.EnumerateObject())
                {
                    readMembers[member.Name] = member.Value;
                }

                foreach (var member in written.EnumerateObject())
                {
                    if (!readMembers.Remove(member.Name, out var other))
                    {
                        return $"{path}.{member.Name} was {Show(member.Value)} and came back missing";
                    }

                    if (FirstDifference($"{path}.{member.Name}", member.Value, other) is { } inner)
                    {
                        return inner;
                    }
                }

                return readMembers.Count == 0 ? null : $"{path}.{readMembers.Keys.First()} came back though it was not written";

            case JsonValueKind.Array:
                var writtenItems = written.EnumerateArray().ToList();
                var readItems = read.EnumerateArray().ToList();
                for (var i = 0; i < Math.Min(writtenItems.Count, readItems.Count); i++)
                {
                    if (FirstDifference($"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", writtenItems[i], readItems[i]) is { } inner)
                    {
                        return inner;
                    }
                }

                return writtenItems.Count == readItems.Count ? null : $"{path} had {writtenItems.Count.ToString(CultureInfo.InvariantCulture)} items and came back with {readItems.Count.ToString(CultureInfo.InvariantCulture)}";

            default:
                return written.GetRawText() == read.GetRawText() ? null : $"{path} was {Show(written)} and came back as {Show(read)}";
        }
    }

    private static string Show(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => element.GetRawText(),
        };
        return text.Length > 64 ? string.Concat(text.AsSpan(0, 61), "...") : text;
    }

    private static string TypeName(Type type) => type.FullName ?? type.Name;
}
