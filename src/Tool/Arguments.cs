using System;
using System.Collections.Generic;
using System.Globalization;

namespace CacheGen.Tool;

/// <summary>
/// A command line split into the command, its positional arguments and its options (<c>--name value</c>,
/// <c>--name=value</c>, or <c>--flag</c>), checked against the options the command knows.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private Arguments(string command) => Command = command;

    public string Command { get; }

    public List<string> Positional { get; } = [];

    /// <summary>Splits <paramref name="args"/>; <paramref name="valued"/> take a value, <paramref name="flags"/> do not.</summary>
    public static Arguments Parse(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags)
    {
        var parsed = new Arguments(command);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (((ICollection<string>)flags).Contains(name))
            {
                if (equals >= 0)
                {
                    throw new UsageException($"--{name} takes no value.");
                }

                parsed._flags.Add(name);
            }
            else if (((ICollection<string>)valued).Contains(name))
            {
                string value;
                if (equals >= 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"--{name} needs a value.");
                }

                if (!parsed._values.TryGetValue(name, out var list))
                {
                    parsed._values[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new UsageException($"Unknown option --{name} for '{command}'.");
            }
        }

        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            return null;
        }

        if (list.Count > 1)
        {
            throw new UsageException($"--{name} is given more than once.");
        }

        return list[0];
    }

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string Required(string name) => Value(name) ?? throw new UsageException($"'{Command}' needs --{name}.");

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a whole number from {min} to {max}, not '{text}'.");
        }

        return value;
    }

    public int? OptionalInt(string name, int min, int max) => Value(name) is null ? null : Int(name, 0, min, max);

    public long Long(string name, long fallback, long min)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"--{name} must be a whole number of at least {min}, not '{text}'.");
        }

        return value;
    }

    /// <summary>A duration in seconds (fractions allowed).</summary>
    public TimeSpan Seconds(string name, TimeSpan fallback)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || value > 31_536_000)
        {
            throw new UsageException($"--{name} must be a number of seconds greater than 0, not '{text}'.");
        }

        return TimeSpan.FromSeconds(value);
    }
}
