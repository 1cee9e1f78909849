using System.Collections.Generic;

namespace CacheGen.Generator;

/// <summary>A placeholder of a key template: its path and where it stands in the template (braces included).</summary>
internal readonly struct KeyTemplatePlaceholder(string path, int start, int length)
{
    public string Path { get; } = path;

    public int Start { get; } = start;

    public int Length { get; } = length;
}

/// <summary>
/// Parses a key template with exactly the rules of the runtime's <c>CacheKeyTemplate.Parse</c>, so the generator never
/// emits a template the runtime would reject, and the analyzers report what the runtime would. Shared, as source, by
/// the generator and the analyzers.
/// </summary>
internal static class KeyTemplateSyntax
{
    /// <summary>The placeholders of a valid template, or null for an invalid one.</summary>
    public static IReadOnlyList<string>? TryGetPlaceholders(string? template)
    {
        if (!TryParse(template, out var placeholders, out _, out _))
        {
            return null;
        }

        var paths = new List<string>(placeholders.Count);
        foreach (var placeholder in placeholders)
        {
            paths.Add(placeholder.Path);
        }

        return paths;
    }

    /// <summary>Parses a template; on failure says why and where (an index into the template).</summary>
    public static bool TryParse(string? template, out List<KeyTemplatePlaceholder> placeholders, out string error, out int errorPosition)
    {
        placeholders = new List<KeyTemplatePlaceholder>();
        error = string.Empty;
        errorPosition = 0;
        if (template is null || template.Length == 0)
        {
            error = "the template is empty";
            return false;
        }

        var literalLength = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                error = "a '}' closes no placeholder";
                errorPosition = i;
                return false;
            }

            if (c != '{')
            {
                if (char.IsControl(c) || char.IsWhiteSpace(c))
                {
                    error = "keys cannot contain white space or control characters";
                    errorPosition = i;
                    return false;
                }

                literalLength++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = "a '{' has no closing '}'";
                errorPosition = i;
                return false;
            }

            var name = template.Substring(i + 1, close - i - 1);
            if (!CacheGen.Shared.KeyPlaceholderPath.IsValid(name))
            {
                error = $"'{{{name}}}' is not a parameter name or member path";
                errorPosition = i;
                return false;
            }

            if (placeholders.Count > 0 && literalLength == 0)
            {
                error = "two placeholders need literal text such as ':' between them";
                errorPosition = i;
                return false;
            }

            placeholders.Add(new KeyTemplatePlaceholder(name, i, close - i + 1));
            literalLength = 0;
            i = close;
        }

        return true;
    }

    /// <summary>
    /// The template's shape: its literal text with every placeholder replaced by <c>{}</c> (<c>revenue:{}:{}</c>), to
    /// compare templates written with different parameter names.
    /// </summary>
    public static string? ShapeOf(string? template)
    {
        if (!TryParse(template, out var placeholders, out _, out _))
        {
            return null;
        }

        var shape = new System.Text.StringBuilder();
        var position = 0;
        foreach (var placeholder in placeholders)
        {
            shape.Append(template!, position, placeholder.Start - position).Append("{}");
            position = placeholder.Start + placeholder.Length;
        }

        return shape.Append(template!, position, template!.Length - position).ToString();
    }
}
