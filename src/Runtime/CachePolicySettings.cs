using System;

namespace CacheGen;

/// <summary>The lifetime settings of a <see cref="CachePolicy"/>, as flags: which ones its declaration set explicitly.</summary>
[Flags]
public enum CachePolicySettings
{
    /// <summary>None: every setting comes from <see cref="CacheGenOptions.Defaults"/> or the built-in default.</summary>
    None = 0,

    /// <summary><see cref="CachePolicy.TtlSeconds"/>.</summary>
    TtlSeconds = 1,

    /// <summary><see cref="CachePolicy.JitterPercent"/>.</summary>
    JitterPercent = 2,

    /// <summary><see cref="CachePolicy.StaleSeconds"/>.</summary>
    StaleSeconds = 4,

    /// <summary><see cref="CachePolicy.LocalTtlSeconds"/>.</summary>
    LocalTtlSeconds = 8,

    /// <summary>Every setting.</summary>
    All = TtlSeconds | JitterPercent | StaleSeconds | LocalTtlSeconds,
}
