using System;

namespace CacheGen;

/// <summary>
/// The settings of one cached method: its key template and lifetimes. Generated code creates one per
/// <see cref="CachedAttribute"/> and keeps it in a static field.
/// </summary>
public sealed class CachePolicy
{
    /// <summary>Default <see cref="TtlSeconds"/>.</summary>
    public const int DefaultTtlSeconds = 300;

    /// <summary>Default <see cref="JitterPercent"/>.</summary>
    public const int DefaultJitterPercent = 10;

    /// <summary>Largest allowed <see cref="JitterPercent"/>.</summary>
    public const int MaxJitterPercent = 50;

    /// <summary>Creates a policy and validates every number.</summary>
    /// <exception cref="FormatException">The key template is invalid (see <see cref="CacheKeyTemplate.Parse"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range; the message says which and why.</exception>
    public CachePolicy(string keyTemplate, int ttlSeconds = DefaultTtlSeconds, int jitterPercent = DefaultJitterPercent, int staleSeconds = 0, int localTtlSeconds = 0)
    {
        Check(nameof(TtlSeconds), ttlSeconds, nameof(ttlSeconds));
        Check(nameof(JitterPercent), jitterPercent, nameof(jitterPercent));
        Check(nameof(StaleSeconds), staleSeconds, nameof(staleSeconds));
        Check(nameof(LocalTtlSeconds), localTtlSeconds, nameof(localTtlSeconds));
        void Check(string setting, int value, string parameter)
        {
            if (RangeProblem(setting, value) is { } problem)
            {
                throw new ArgumentOutOfRangeException(parameter, value, $"{setting} of cache key \"{keyTemplate}\" {problem}.");
            }
        }

        Template = CacheKeyTemplate.Parse(keyTemplate);
        TtlSeconds = ttlSeconds;
        JitterPercent = jitterPercent;
        StaleSeconds = staleSeconds;
        LocalTtlSeconds = localTtlSeconds;
    }

    /// <summary>
    /// What is wrong with <paramref name="value"/> for the setting named <paramref name="setting"/>
    /// (<see cref="TtlSeconds"/>, <see cref="JitterPercent"/>, <see cref="StaleSeconds"/> or <see cref="LocalTtlSeconds"/>),
    /// or null when it is in range: the one statement of each range, for attributes and configuration alike.
    /// </summary>
    internal static string? RangeProblem(string setting, int value) => setting switch
    {
        nameof(TtlSeconds) => value <= 0 ? "must be greater than 0" : null,
        nameof(JitterPercent) => value is < 0 or > MaxJitterPercent ? $"must be between 0 and {MaxJitterPercent}" : null,
        nameof(StaleSeconds) or nameof(LocalTtlSeconds) => value < 0 ? "must not be negative" : null,
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "not a cache lifetime setting"),
    };

    /// <summary>The parsed key template.</summary>
    public CacheKeyTemplate Template { get; }

    /// <inheritdoc cref="CachedAttribute.TtlSeconds"/>
    public int TtlSeconds { get; }

    /// <inheritdoc cref="CachedAttribute.JitterPercent"/>
    public int JitterPercent { get; }

    /// <inheritdoc cref="CachedAttribute.StaleSeconds"/>
    public int StaleSeconds { get; }

    /// <inheritdoc cref="CachedAttribute.LocalTtlSeconds"/>
    public int LocalTtlSeconds { get; }

    /// <summary>The metric <c>keyspace</c> tag: the template's literal head.</summary>
    public string Keyspace => Template.Keyspace;

    /// <summary>Creates a policy from an attribute's values.</summary>
    public static CachePolicy From(CachedAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return new CachePolicy(attribute.Key, attribute.TtlSeconds, attribute.JitterPercent, attribute.StaleSeconds, attribute.LocalTtlSeconds);
    }

    /// <summary>
    /// A fresh lifetime: <see cref="TtlSeconds"/> randomised uniformly by ± <see cref="JitterPercent"/>, in milliseconds.
    /// </summary>
    internal long NextFreshMilliseconds(Random random)
    {
        var baseMs = TtlSeconds * 1000.0;
        if (JitterPercent == 0)
        {
            return (long)baseMs;
        }

        var spread = baseMs * JitterPercent / 100.0;
        var jittered = baseMs + ((random.NextDouble() * 2.0) - 1.0) * spread;
        return Math.Max(1, (long)Math.Round(jittered));
    }
}
