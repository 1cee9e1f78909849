using System;
using System.Collections.Generic;

namespace CacheGen.Tool.Trace;

/// <summary>What <c>cachegen trace</c> requests and reads.</summary>
public sealed record TraceOptions
{
    /// <summary>The URL requested with GET, as a client would (through the CDN, when there is one).</summary>
    public required Uri Url { get; init; }

    /// <summary>The StackExchange.Redis configuration string; null: Redis is not read.</summary>
    public string? Redis { get; init; }

    /// <summary>CacheGen's <c>KeyPrefix</c>.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Request headers sent with the GET (and to the origin).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>
    /// The application's own address (behind the CDN): the same path is asked there too, to compare the CDN's copy with
    /// what the application answers now, and to read the surrogate keys a CDN removes before clients see them.
    /// </summary>
    public Uri? Origin { get; init; }

    /// <summary>Logical keys to read in Redis besides those the response names.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>Tags to read in Redis besides those the response names.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>How long each request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>One response as received.</summary>
/// <param name="Url">What was asked.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">The headers that matter for caching (absent ones left out).</param>
/// <param name="BodyLength">The body's length in bytes.</param>
/// <param name="BodySha256">The body's SHA-256 (hex), to compare copies.</param>
/// <param name="ElapsedMs">How long the request took.</param>
public sealed record TraceResponse(string Url, int Status, IReadOnlyDictionary<string, string> Headers, long BodyLength, string BodySha256, double ElapsedMs);

/// <summary>One entry of <c>X-Cache</c>: the CDN's verdict, or one cached call's (<c>revenue L1=MISS Redis=HIT</c>).</summary>
/// <param name="Text">As written.</param>
/// <param name="Cdn">The CDN's verdict (HIT, MISS), for the CDN's entry.</param>
/// <param name="Keyspace">The cached call's keyspace.</param>
/// <param name="L1">What L1 found: HIT, MISS, STALE or - (not asked).</param>
/// <param name="Redis">What Redis found: HIT, MISS, STALE or - (not asked).</param>
public sealed record XCacheEntry(string Text, string? Cdn = null, string? Keyspace = null, string? L1 = null, string? Redis = null);

/// <summary>What Redis holds for one logical key.</summary>
public sealed record RedisKeyState
{
    /// <summary>The logical key.</summary>
    public required string Key { get; init; }

    /// <summary>The Redis key of its value.</summary>
    public required string RedisKey { get; init; }

    /// <summary>absent, fresh, stale, orphan (no TTL), invalidated (a tag token no longer current) or unreadable.</summary>
    public required string State { get; init; }

    /// <summary>The value's remaining Redis lifetime in ms (-1: none, -2: absent).</summary>
    public required long TtlMs { get; init; }

    /// <summary>When the value stops being fresh (from its header).</summary>
    public DateTimeOffset? FreshUntil { get; init; }

    /// <summary>The tag tokens the value was stamped with.</summary>
    public IReadOnlyList<long>? TagTokens { get; init; }

    /// <summary>
    /// Whether the value is stamped with tag tokens of tags that were not read: whether one of them was invalidated is
    /// not known (pass every tag with --tag).
    /// </summary>
    public bool UnknownTagStamps { get; init; }

    /// <summary>The lease's remaining lifetime in ms when one is held (-1: held without TTL); null: no lease.</summary>
    public long? LeaseTtlMs { get; init; }

    /// <summary>Whether callers wait for the lease holder.</summary>
    public bool Waiting { get; init; }
}

/// <summary>What Redis holds for one tag.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="RedisKey">The Redis key of its token.</param>
/// <param name="Token">Its token; 0: none (invalidated since, or never used).</param>
/// <param name="TtlMs">The token's remaining lifetime in ms (-2: absent).</param>
public sealed record RedisTagState(string Tag, string RedisKey, long Token, long TtlMs)
{
    /// <summary>The tag's key holds something other than a string (a hash, a list): not CacheGen's token.</summary>
    public bool Unreadable { get; init; }
}

/// <summary>One layer, outermost first: what was seen there and what it means.</summary>
/// <param name="Name">browser, cdn, application or redis.</param>
/// <param name="Facts">What was seen.</param>
/// <param name="Verdicts">What it means.</param>
public sealed record TraceLayer(string Name, IReadOnlyDictionary<string, string> Facts, IReadOnlyList<Finding> Verdicts);

/// <summary>What <c>cachegen trace</c> saw.</summary>
public sealed record TraceReport
{
    /// <summary>When the request was made.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The response to the URL.</summary>
    public required TraceResponse Response { get; init; }

    /// <summary>The origin's response to the same path, when --origin was given.</summary>
    public TraceResponse? OriginResponse { get; init; }

    /// <summary>The response's <c>X-Cache</c>, entry by entry.</summary>
    public required IReadOnlyList<XCacheEntry> XCache { get; init; }

    /// <summary>The surrogate keys read (from the response, else the origin's), decoded: <c>k:</c>, <c>t:</c>, <c>ks:</c> tokens.</summary>
    public required IReadOnlyList<string> SurrogateKeys { get; init; }

    /// <summary>The logical keys looked up in Redis.</summary>
    public required IReadOnlyList<RedisKeyState> Keys { get; init; }

    /// <summary>The tags looked up in Redis.</summary>
    public required IReadOnlyList<RedisTagState> Tags { get; init; }

    /// <summary>Every layer, outermost first.</summary>
    public required IReadOnlyList<TraceLayer> Layers { get; init; }
}
