using System.Collections.Generic;

namespace CacheGen.Generator;

/// <summary>
/// Parses a key template with exactly the rules of the runtime's <c>CacheKeyTemplate.Parse</c>, so the generator never
/// emits a template the runtime would reject. Returns null for an invalid template (the analyzers explain why).
/// </summary>
internal static class KeyTemplateSyntax
{
    public static IReadOnlyList<string>? TryGetPlaceholders(string? template)
    {
        if (template is null || template.Length == 0)
        {
            return null;
        }

        var placeholders = new List<string>();
        var literalLength = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                return null;
            }

            if (c != '{')
            {
                if (char.IsControl(c) || char.IsWhiteSpace(c))
                {
                    return null;
                }

                literalLength++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                return null;
            }

            var name = template.Substring(i + 1, close - i - 1);
            if (!IsPlaceholderPath(name) || (placeholders.Count > 0 && literalLength == 0))
            {
                return null;
            }

            placeholders.Add(name);
            literalLength = 0;
            i = close;
        }

        return placeholders;
    }

    private static bool IsPlaceholderPath(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var part in name.Split('.'))
        {
            if (part.Length == 0 || !(char.IsLetter(part[0]) || part[0] == '_' || part[0] == '@'))
            {
                return false;
            }

            for (var i = 1; i < part.Length; i++)
            {
                if (!char.IsLetterOrDigit(part[i]) && part[i] != '_')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
