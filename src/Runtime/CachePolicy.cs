using System;
using System.Collections.Generic;

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

    /// <summary>Most tags one cached method may declare.</summary>
    public const int MaxTags = 32;

    /// <summary>Creates a policy and validates every number.</summary>
    /// <param name="keyTemplate">The key template (see <see cref="CachedAttribute.Key"/>).</param>
    /// <param name="ttlSeconds">See <see cref="CachedAttribute.TtlSeconds"/>.</param>
    /// <param name="jitterPercent">See <see cref="CachedAttribute.JitterPercent"/>.</param>
    /// <param name="staleSeconds">See <see cref="CachedAttribute.StaleSeconds"/>.</param>
    /// <param name="localTtlSeconds">See <see cref="CachedAttribute.LocalTtlSeconds"/>.</param>
    /// <param name="tags">Tag templates (see <see cref="CachedAttribute.Tags"/>); none when null.</param>
    /// <param name="explicitSettings">
    /// Which of the numbers the declaration set: the others are defaults that <see cref="CacheGenOptions.Defaults"/>
    /// replaces. Generated code passes the attribute's named arguments; <see cref="CachePolicySettings.All"/> by default.
    /// </param>
    /// <exception cref="FormatException">The key template or a tag template is invalid (see <see cref="CacheKeyTemplate.Parse"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range, or there are more than <see cref="MaxTags"/> tags; the message says which and why.</exception>
    public CachePolicy(string keyTemplate, int ttlSeconds = DefaultTtlSeconds, int jitterPercent = DefaultJitterPercent, int staleSeconds = 0, int localTtlSeconds = 0, IReadOnlyList<string>? tags = null, CachePolicySettings explicitSettings = CachePolicySettings.All)
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
        if (tags is { Count: > MaxTags })
        {
            throw new ArgumentOutOfRangeException(nameof(tags), tags.Count, $"Cache key \"{keyTemplate}\" declares {tags.Count} tags; at most {MaxTags} are allowed.");
        }

        var parsed = new CacheKeyTemplate[tags?.Count ?? 0];
        for (var i = 0; i < parsed.Length; i++)
        {
            parsed[i] = CacheKeyTemplate.Parse(tags![i]);
        }

        Tags = parsed;
        ExplicitSettings = explicitSettings & CachePolicySettings.All;
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

    /// <summary>Which lifetime settings the declaration set explicitly (the others may come from <see cref="CacheGenOptions.Defaults"/>).</summary>
    public CachePolicySettings ExplicitSettings { get; }

    /// <summary>The parsed tag templates, in declaration order; empty when the method has no tags.</summary>
    public IReadOnlyList<CacheKeyTemplate> Tags { get; }

    /// <inheritdoc cref="CachedAttribute.TtlSeconds"/>
    public int TtlSeconds { get; }

    /// <inheritdoc cref="CachedAttribute.JitterPercent"/>
    public int JitterPercent { get; }

    /// <inheritdoc cref="CachedAttribute.StaleSeconds"/>
    public int StaleSeconds { get; }

    /// <inheritdoc cref="CachedAttribute.LocalTtlSeconds"/>
    public int LocalTtlSeconds { get; }

    /// <summary>The metric <c>keyspace</c> tag: the template's literal head.</summary>
    public string Keyspace => _keyspace ?? Template.Keyspace;

    // Set for the policies of ICacheGen calls, whose keys are not rendered from a template.
    private string? _keyspace;

    /// <summary>Whether an entry's tags are given with each call (<see cref="ICacheGen"/>) rather than declared by templates.</summary>
    internal bool TagsPerCall { get; private set; }

    /// <summary>
    /// The policy of <see cref="ICacheGen"/> calls of one keyspace with these options: its key is given whole, its tags
    /// with each call.
    /// </summary>
    internal static CachePolicy ForCalls(string keyspace, CacheEntryOptions options)
    {
        var policy = new CachePolicy(
            "call",
            options.TtlSeconds ?? DefaultTtlSeconds,
            options.JitterPercent ?? DefaultJitterPercent,
            options.StaleSeconds ?? 0,
            options.LocalTtlSeconds ?? 0,
            explicitSettings: options.ExplicitSettings)
        {
            _keyspace = keyspace,
            TagsPerCall = true,
        };
        return policy;
    }

    /// <summary>Creates a policy from an attribute's values.</summary>
    public static CachePolicy From(CachedAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return new CachePolicy(attribute.Key, attribute.TtlSeconds, attribute.JitterPercent, attribute.StaleSeconds, attribute.LocalTtlSeconds, attribute.Tags);
    }

    /// <summary>This policy with other lifetimes (configuration's keyspace settings); the templates are shared.</summary>
    internal CachePolicy WithLifetimes(int ttlSeconds, int jitterPercent, int staleSeconds, int localTtlSeconds) =>
        new(this, ttlSeconds, jitterPercent, staleSeconds, localTtlSeconds);

    private CachePolicy(CachePolicy template, int ttlSeconds, int jitterPercent, int staleSeconds, int localTtlSeconds)
        : this(template.Template.Template, ttlSeconds, jitterPercent, staleSeconds, localTtlSeconds, explicitSettings: template.ExplicitSettings)
    {
        Tags = template.Tags;
        _keyspace = template._keyspace;
        TagsPerCall = template.TagsPerCall;
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
