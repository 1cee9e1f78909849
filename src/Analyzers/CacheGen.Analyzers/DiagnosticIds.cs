namespace CacheGen.Analyzers;

/// <summary>
/// Every diagnostic id CacheGen reports. Ids are a public contract: once shipped, never reused or re-pointed.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A key placeholder names no parameter or member (or the template is malformed).</summary>
    public const string UnknownPlaceholder = "CG0001";

    /// <summary>A [Cached] method does not return Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
    public const string CachedReturnType = "CG0002";

    /// <summary>A [Cached]/[InvalidatesCache] method cannot be decorated.</summary>
    public const string NotDecoratable = "CG0003";

    /// <summary>A parameter that is neither in the key nor [NotCacheKey].</summary>
    public const string ParameterNotInKey = "CG0004";

    /// <summary>TtlSeconds, JitterPercent, StaleSeconds or LocalTtlSeconds out of range.</summary>
    public const string InvalidNumbers = "CG0005";

    /// <summary>An [InvalidatesCache] template matches no [Cached] template.</summary>
    public const string InvalidationMatchesNothing = "CG0006";

    /// <summary>A cached type that cannot round-trip through the serializer.</summary>
    public const string NotRoundTrippable = "CG0007";

    /// <summary>AddCached whose service type is not an interface.</summary>
    public const string AddCachedNeedsInterface = "CG0008";

    /// <summary>A class with [Cached]/[InvalidatesCache] methods registered in DI without AddCached.</summary>
    public const string RegisteredWithoutAddCached = "CG0009";

    /// <summary>A tag template that is malformed, names no parameter or member, or (on [Cached]) names something that is not part of the key.</summary>
    public const string InvalidTag = "CG0010";

    /// <summary>An [InvalidatesCacheTag] tag that no [Cached] method declares.</summary>
    public const string TagMatchesNothing = "CG0011";

    /// <summary>KEYS sent to Redis.</summary>
    public const string KeysCommand = "CG1001";

    /// <summary>IServer.Keys/KeysAsync in application code.</summary>
    public const string KeyspaceScan = "CG1002";

    /// <summary>Delete-only invalidation after a database write.</summary>
    public const string DeleteOnlyInvalidation = "CG1003";

    /// <summary>A cached trivial primary-key lookup.</summary>
    public const string TrivialLookupCached = "CG1004";

    /// <summary>A SET NX / LockTake lock released by an unconditional KeyDelete.</summary>
    public const string UnsafeLockRelease = "CG1005";

    /// <summary>A cache-aside write with no expiry.</summary>
    public const string CacheWriteWithoutExpiry = "CG1006";

    /// <summary>ConnectionMultiplexer.Connect per call.</summary>
    public const string ConnectPerCall = "CG1007";

    /// <summary>A browser max-age on a public response in a project that invalidates with CacheGen.</summary>
    public const string BrowserMaxAge = "CG1008";

    /// <summary>A shared (CDN) lifetime of an hour or more with no CDN purger configured.</summary>
    public const string LongSharedLifetime = "CG1009";

    /// <summary>C# language version too low for the generated code (reported by the generator).</summary>
    public const string LanguageVersionTooLow = "CG9001";
}
