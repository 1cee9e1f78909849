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

    /// <summary>
    /// Marks the keyspace as critical for alerting: the <c>cachegen.keyspace.critical</c> gauge reports 1 for it, and the
    /// alert rules CacheGen ships page (severity critical) when its hit ratio falls, where other keyspaces warn.
    /// Changes no caching behaviour. In configuration: <c>CacheGen:Keyspaces:revenue:Critical</c>.
    /// </summary>
    public bool? Critical { get; set; }

    /// <summary>
    /// The policy a method runs with: <paramref name="policy"/> with the values set here — all of them for a keyspace's
    /// settings, or only those the policy's declaration left unset for <see cref="CacheGenOptions.Defaults"/>.
    /// </summary>
    internal CachePolicy Apply(CachePolicy policy, bool onlyUnset = false)
    {
        var keep = onlyUnset ? policy.ExplicitSettings : CachePolicySettings.None;
        int? Pick(int? value, CachePolicySettings setting) => (keep & setting) != 0 ? null : value;
        var ttl = Pick(TtlSeconds, CachePolicySettings.TtlSeconds);
        var jitter = Pick(JitterPercent, CachePolicySettings.JitterPercent);
        var stale = Pick(StaleSeconds, CachePolicySettings.StaleSeconds);
        var local = Pick(LocalTtlSeconds, CachePolicySettings.LocalTtlSeconds);
        return ttl is null && jitter is null && stale is null && local is null
            ? policy
            : policy.WithLifetimes(ttl ?? policy.TtlSeconds, jitter ?? policy.JitterPercent, stale ?? policy.StaleSeconds, local ?? policy.LocalTtlSeconds);
    }
}
