using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace CacheGen;

/// <summary>
/// A parsed key template such as <c>"revenue:{year}:{month}"</c>: literal text and placeholders. Rendering escapes
/// every placeholder value, so distinct argument tuples never produce one key.
/// </summary>
/// <remarks>
/// <para>Escaping: <c>%</c>, <c>:</c>, <c>{</c>, <c>}</c>, <c>*</c>, <c>?</c>, <c>[</c>, <c>]</c>, <c>\</c>, white space and
/// control characters become <c>%XX</c>; an unpaired surrogate becomes <c>%uXXXX</c>; <see langword="null"/> becomes
/// <c>%N</c>. Each escape is prefix-free, so one rendered key can be read back into only one tuple of values.</para>
/// <para>A value whose escaped form is longer than <see cref="MaxValueLength"/> characters is shortened to its first
/// 32 characters followed by <c>%H</c> and the SHA-256 of the whole escaped value.</para>
/// </remarks>
public sealed class CacheKeyTemplate
{
    /// <summary>Escaped values longer than this are hashed.</summary>
    public const int MaxValueLength = 256;

    private const int HashedPrefixLength = 32;

    private readonly string[] _literals;
    private readonly string[] _placeholders;

    private CacheKeyTemplate(string template, string[] literals, string[] placeholders)
    {
        Template = template;
        _literals = literals;
        _placeholders = placeholders;
        Keyspace = KeyspaceOf(literals[0]);
    }

    /// <summary>The template text as written.</summary>
    public string Template { get; }

    /// <summary>
    /// The template's literal head up to the first <c>:</c> or placeholder (<c>revenue</c> for
    /// <c>"revenue:{year}:{month}"</c>): the <c>keyspace</c> tag of every metric.
    /// </summary>
    public string Keyspace { get; }

    /// <summary>The placeholder paths in order, for example <c>["year", "month"]</c> or <c>["product.Id"]</c>.</summary>
    public IReadOnlyList<string> Placeholders => _placeholders;

    /// <summary>Parses a template.</summary>
    /// <exception cref="FormatException">The template is empty, has an unclosed or empty placeholder, a stray brace,
    /// an invalid placeholder name, or two placeholders with no literal text between them.</exception>
    public static CacheKeyTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Length == 0)
        {
            throw new FormatException("A cache key template must not be empty; write for example \"product:{id}\".");
        }

        var literals = new List<string>();
        var placeholders = new List<string>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                throw new FormatException($"Cache key template \"{template}\" has a '}}' at position {i} that closes no placeholder.");
            }

            if (c != '{')
            {
                if (char.IsControl(c) || char.IsWhiteSpace(c))
                {
                    throw new FormatException($"Cache key template \"{template}\" has white space or a control character at position {i}; keys are plain text such as \"product:{{id}}\".");
                }

                literal.Append(c);
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw new FormatException($"Cache key template \"{template}\" has a '{{' at position {i} with no closing '}}'.");
            }

            var name = template.Substring(i + 1, close - i - 1);
            if (!CacheGen.Shared.KeyPlaceholderPath.IsValid(name))
            {
                throw new FormatException($"Cache key template \"{template}\" has an invalid placeholder \"{{{name}}}\": name a parameter or a member path such as {{product.Id}}.");
            }

            if (placeholders.Count > 0 && literal.Length == 0)
            {
                throw new FormatException($"Cache key template \"{template}\" has two placeholders with nothing between them; separate them with literal text such as ':' so distinct values cannot run together.");
            }

            literals.Add(literal.ToString());
            literal.Clear();
            placeholders.Add(name);
            i = close;
        }

        literals.Add(literal.ToString());
        return new CacheKeyTemplate(template, literals.ToArray(), placeholders.ToArray());
    }

    /// <summary>Renders the key for the placeholder values, in placeholder order, each already formatted as
    /// invariant-culture text (the generator formats them at build time).</summary>
    /// <exception cref="ArgumentException">The number of values differs from the number of placeholders.</exception>
    public string Render(params string?[] values) => Render(values.AsSpan());

    /// <inheritdoc cref="Render(string?[])"/>
    public string Render(ReadOnlySpan<string?> values)
    {
        if (values.Length != _placeholders.Length)
        {
            throw new ArgumentException($"Cache key template \"{Template}\" has {_placeholders.Length} placeholder(s) but {values.Length} value(s) were given.", nameof(values));
        }

        if (values.Length == 0)
        {
            return _literals[0];
        }

        var builder = new StringBuilder(Template.Length + 16);
        for (var i = 0; i < values.Length; i++)
        {
            builder.Append(_literals[i]);
            AppendEscaped(builder, values[i]);
        }

        builder.Append(_literals[values.Length]);
        return builder.ToString();
    }

    /// <summary>Escapes one placeholder value as <see cref="Render(string?[])"/> does.</summary>
    public static string EscapeValue(string? value)
    {
        if (value is not null && !NeedsEscaping(value) && value.Length <= MaxValueLength)
        {
            return value;
        }

        var builder = new StringBuilder();
        AppendEscaped(builder, value);
        return builder.ToString();
    }

    /// <summary>
    /// The keyspace of a rendered key (its metric tag, and its configuration section): its text up to the first
    /// <c>:</c>, or <c>(none)</c> when that is empty.
    /// </summary>
    public static string KeyspaceOf(string keyOrLiteralHead)
    {
        var colon = keyOrLiteralHead.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? keyOrLiteralHead : keyOrLiteralHead.Substring(0, colon);
        return head.Length == 0 ? "(none)" : head;
    }

    private static void AppendEscaped(StringBuilder builder, string? value)
    {
        if (value is null)
        {
            builder.Append("%N");
            return;
        }

        if (!NeedsEscaping(value))
        {
            if (value.Length <= MaxValueLength)
            {
                builder.Append(value);
                return;
            }
        }

        var escaped = new StringBuilder(value.Length + 8);
        EscapeInto(escaped, value.AsSpan());
        if (escaped.Length <= MaxValueLength)
        {
            builder.Append(escaped);
            return;
        }

        // Long value: a readable prefix, then a hash of the whole escaped text. "%H" never comes out of escaping.
        EscapeInto(builder, value.AsSpan(0, HashedPrefixLength));
        builder.Append("%H");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(escaped.ToString()));
        builder.Append(Convert.ToHexString(hash));
    }

    private static void EscapeInto(StringBuilder builder, ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append("%u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (MustEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (MustEscape(c) || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    // Every character below 0x7F that has a meaning in Redis patterns, key templates, hash tags or this escaping,
    // plus white space and control characters (which make keys unreadable in tools). Non-ASCII text stays as is;
    // the only non-ASCII characters escaped are control and white-space ones, which fit in two hex digits (<= 0xFF)
    // or are escaped via the %u form below.
    private static bool MustEscape(char c) => c switch
    {
        '%' or ':' or '{' or '}' or '*' or '?' or '[' or ']' or '\\' => true,
        _ => c <= 0xFF ? char.IsControl(c) || char.IsWhiteSpace(c) : false,
    };
}
