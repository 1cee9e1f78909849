namespace CacheGen;

/// <summary>
/// Settings for every cached method of one keyspace (the literal head of its key template: <c>revenue</c> for
/// <c>revenue:{year}:{month}</c>), set in configuration (<c>CacheGen:Keyspaces:revenue:TtlSeconds</c>) or in code
/// (<see cref="CacheGenOptions.Keyspaces"/>). A value set here replaces the attribute's; one left unset keeps it.
/// </summary>
public sealed class KeyspaceOptions
{
    /// <inheritdoc cref="CachedAttribute.TtlSeconds"/>
    public int? TtlSeconds { get; set; }

    /// <inheritdoc cref="CachedAttribute.JitterPercent"/>
    public int? JitterPercent { get; set; }

    /// <inheritdoc cref="CachedAttribute.StaleSeconds"/>
    public int? StaleSeconds { get; set; }

    /// <inheritdoc cref="CachedAttribute.LocalTtlSeconds"/>
    public int? LocalTtlSeconds { get; set; }

    /// <summary>The policy a method of this keyspace runs with: <paramref name="policy"/> with the values set here.</summary>
    internal CachePolicy Apply(CachePolicy policy) =>
        TtlSeconds is null && JitterPercent is null && StaleSeconds is null && LocalTtlSeconds is null
            ? policy
            : policy.WithLifetimes(
                TtlSeconds ?? policy.TtlSeconds,
                JitterPercent ?? policy.JitterPercent,
                StaleSeconds ?? policy.StaleSeconds,
                LocalTtlSeconds ?? policy.LocalTtlSeconds);
}
