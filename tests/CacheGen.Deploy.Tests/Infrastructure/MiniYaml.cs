using System.Globalization;
using System.Text;

namespace CacheGen.Deploy.Tests.Infrastructure;

/// <summary>
/// Reads the YAML subset the files under deploy/ are written in — block mappings and sequences, plain, single- and
/// double-quoted scalars, block scalars (<c>|</c>, <c>&gt;</c>, with <c>-</c>), the empty flow collections <c>[]</c> and
/// <c>{}</c>, comments — into dictionaries, lists and strings. Anything else (anchors, tags, non-empty flow collections,
/// plain scalars over several lines) throws, so a file that moved beyond the subset fails its test instead of being
/// misread.
/// </summary>
public static class MiniYaml
{
    public static object? Parse(string text)
    {
        var reader = new Reader(text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
        var line = reader.NextContent();
        if (line < 0)
        {
            return null;
        }

        var root = reader.ParseNode(reader.IndentOf(line));
        var rest = reader.NextContent();
        if (rest >= 0)
        {
            throw reader.Error(rest, "unexpected content after the document");
        }

        return root;
    }

    /// <summary>The mapping's value at <paramref name="key"/> (null when absent); throws when the node is not a mapping.</summary>
    public static object? Get(object? node, string key) =>
        node is Dictionary<string, object?> map ? map.GetValueOrDefault(key) : throw new InvalidDataException($"not a mapping where '{key}' was looked up");

    /// <summary>The node as a list: an absent node is an empty list.</summary>
    public static IReadOnlyList<object?> List(object? node) =>
        node switch
        {
            null => [],
            List<object?> list => list,
            _ => throw new InvalidDataException("not a sequence: " + node),
        };

    /// <summary>The items of the sequences reached by <paramref name="path"/>: ("groups", "rules") gives every rule of every group.</summary>
    public static IEnumerable<object?> Items(object? node, params string[] path)
    {
        IEnumerable<object?> items = [node];
        foreach (var key in path)
        {
            items = items.SelectMany(item => List(Get(item, key)));
        }

        return items;
    }

    private sealed class Reader(string[] lines)
    {
        private readonly string[] _lines = lines;
        private int _position;

        public InvalidDataException Error(int line, string message) =>
            new($"YAML line {line + 1}: {message}: '{_lines[line]}'");

        public int IndentOf(int line) => _lines[line].Length - _lines[line].TrimStart(' ').Length;

        /// <summary>Skips blank and comment lines; the index of the next line with content, or -1.</summary>
        public int NextContent()
        {
            while (_position < _lines.Length)
            {
                var trimmed = _lines[_position].Trim();
                if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
                {
                    return _position;
                }

                _position++;
            }

            return -1;
        }

        public object? ParseNode(int indent)
        {
            var line = NextContent();
            if (line < 0 || IndentOf(line) != indent)
            {
                throw Error(Math.Max(line, 0), $"expected a node at indentation {indent}");
            }

            var content = _lines[line].TrimStart(' ');
            if (content.Contains('\t', StringComparison.Ordinal))
            {
                throw Error(line, "tabs are not supported");
            }

            return IsSequenceItem(content) ? ParseSequence(indent) : ParseMapping(indent);
        }

        private static bool IsSequenceItem(string content) => content == "-" || content.StartsWith("- ", StringComparison.Ordinal);

        private List<object?> ParseSequence(int indent)
        {
            var items = new List<object?>();
            for (var line = NextContent(); line >= 0 && IndentOf(line) == indent && IsSequenceItem(_lines[line].TrimStart(' ')); line = NextContent())
            {
                var rest = _lines[line].TrimStart(' ')[1..];
                var offset = rest.Length - rest.TrimStart(' ').Length;
                rest = rest.TrimStart(' ');
                if (rest.Length == 0 || rest.StartsWith('#'))
                {
                    _position = line + 1;
                    var next = NextContent();
                    items.Add(next >= 0 && IndentOf(next) > indent ? ParseNode(IndentOf(next)) : null);
                    continue;
                }

                if (LooksLikeMappingEntry(rest))
                {
                    // "- key: value" opens a mapping whose further keys sit under "key".
                    _lines[line] = new string(' ', indent + 1 + offset) + rest;
                    items.Add(ParseNode(indent + 1 + offset));
                    continue;
                }

                _position = line + 1;
                items.Add(ParseScalar(line, rest, indent));
            }

            return items;
        }

        private Dictionary<string, object?> ParseMapping(int indent)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var line = NextContent(); line >= 0 && IndentOf(line) == indent; line = NextContent())
            {
                var content = _lines[line].TrimStart(' ');
                if (IsSequenceItem(content))
                {
                    break;
                }

                var colon = FindKeyColon(content);
                if (colon < 0)
                {
                    throw Error(line, "expected 'key: value'");
                }

                var key = Unquote(line, content[..colon].Trim());
                if (!map.TryAdd(key, null))
                {
                    throw Error(line, $"duplicate key '{key}'");
                }

                var value = content[(colon + 1)..].Trim();
                _position = line + 1;
                if (value.Length == 0 || value.StartsWith('#'))
                {
                    var next = NextContent();
                    if (next >= 0 && (IndentOf(next) > indent || (IndentOf(next) == indent && IsSequenceItem(_lines[next].TrimStart(' ')))))
                    {
                        map[key] = ParseNode(IndentOf(next));
                    }

                    continue;
                }

                map[key] = ParseScalar(line, value, indent);
            }

            var after = NextContent();
            if (after >= 0 && IndentOf(after) > indent)
            {
                throw Error(after, "unexpected indentation (a plain scalar over several lines is not supported)");
            }

            return map;
        }

        private static bool LooksLikeMappingEntry(string content) => FindKeyColon(content) > 0;

        private static int ClosingQuote(string content)
        {
            var quote = content[0];
            for (var i = 1; i < content.Length; i++)
            {
                if (content[i] == '\\' && quote == '"')
                {
                    i++;
                }
                else if (content[i] == quote)
                {
                    if (quote == '\'' && i + 1 < content.Length && content[i + 1] == '\'')
                    {
                        i++;
                        continue;
                    }

                    return i;
                }
            }

            return content.Length;
        }

        /// <summary>The index of the ':' that ends a mapping key (followed by a space or the end), outside quotes; -1 when none.</summary>
        private static int FindKeyColon(string content)
        {
            var start = 0;
            if (content.StartsWith('"') || content.StartsWith('\''))
            {
                start = ClosingQuote(content) + 1;
            }

            for (var i = start; i < content.Length; i++)
            {
                if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' '))
                {
                    return i;
                }

                if (content[i] == '#' && i > 0 && content[i - 1] == ' ')
                {
                    return -1;
                }
            }

            return -1;
        }

        private object? ParseScalar(int line, string value, int indent)
        {
            if (value[0] is '|' or '>')
            {
                return BlockScalar(line, value, indent);
            }

            if (value[0] is '&' or '*' or '!')
            {
                throw Error(line, "anchors, aliases and tags are not supported");
            }

            if (value[0] is '[' or '{')
            {
                var inner = StripComment(value);
                return inner switch
                {
                    "[]" => new List<object?>(),
                    "{}" => new Dictionary<string, object?>(StringComparer.Ordinal),
                    _ => throw Error(line, "only empty flow collections ([] and {}) are supported"),
                };
            }

            if (value[0] is '"' or '\'')
            {
                var end = ClosingQuote(value);
                if (end >= value.Length)
                {
                    throw Error(line, "a quoted scalar must end on its line");
                }

                var tail = value[(end + 1)..].Trim();
                if (tail.Length > 0 && !tail.StartsWith('#'))
                {
                    throw Error(line, "content after a quoted scalar");
                }

                return Unquote(line, value[..(end + 1)]);
            }

            return StripComment(value);
        }

        private static string StripComment(string value)
        {
            var hash = value.IndexOf(" #", StringComparison.Ordinal);
            return (hash >= 0 ? value[..hash] : value).Trim();
        }

        private string Unquote(int line, string text)
        {
            if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
            {
                return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
            {
                return text;
            }

            var builder = new StringBuilder();
            for (var i = 1; i < text.Length - 1; i++)
            {
                if (text[i] != '\\')
                {
                    builder.Append(text[i]);
                    continue;
                }

                var escape = text[++i];
                switch (escape)
                {
                    case '"' or '\\' or '/':
                        builder.Append(escape);
                        break;
                    case 'n':
                        builder.Append('\n');
                        break;
                    case 't':
                        builder.Append('\t');
                        break;
                    case 'u':
                        builder.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default:
                        throw Error(line, $"unsupported escape '\\{escape}'");
                }
            }

            return builder.ToString();
        }

        /// <summary>A literal (|) or folded (&gt;) block scalar, with the clip or strip (-) chomping indicator.</summary>
        private string BlockScalar(int line, string header, int indent)
        {
            header = StripComment(header);
            if (header is not ("|" or "|-" or ">" or ">-"))
            {
                throw Error(line, "unsupported block scalar header");
            }

            var body = new List<string>();
            var blockIndent = -1;
            while (_position < _lines.Length)
            {
                var raw = _lines[_position];
                if (raw.Trim().Length == 0)
                {
                    body.Add("");
                    _position++;
                    continue;
                }

                var lineIndent = IndentOf(_position);
                if (lineIndent <= indent)
                {
                    break;
                }

                if (blockIndent < 0)
                {
                    blockIndent = lineIndent;
                }

                if (lineIndent < blockIndent)
                {
                    throw Error(_position, "block scalar line less indented than its first line");
                }

                body.Add(raw[blockIndent..]);
                _position++;
            }

            while (body.Count > 0 && body[^1].Length == 0)
            {
                body.RemoveAt(body.Count - 1);
            }

            string text;
            if (header[0] == '|')
            {
                text = string.Join('\n', body);
            }
            else
            {
                var folded = new StringBuilder();
                for (var i = 0; i < body.Count; i++)
                {
                    if (i > 0)
                    {
                        var previousMoreIndented = body[i - 1].StartsWith(' ');
                        var moreIndented = body[i].StartsWith(' ');
                        folded.Append(body[i].Length == 0 || body[i - 1].Length == 0 || previousMoreIndented || moreIndented ? "\n" : " ");
                    }

                    folded.Append(body[i]);
                }

                text = folded.ToString();
            }

            return header.EndsWith('-') || text.Length == 0 ? text : text + "\n";
        }
    }
}
