using System;

namespace CacheGen.AspNetCore;

/// <summary>Which surrogate-key headers the middleware writes: the header each CDN indexes its purges by.</summary>
[Flags]
public enum SurrogateKeyHeaders
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>Surrogate-Key</c>, space-separated (Fastly).</summary>
    SurrogateKey = 1,

    /// <summary><c>Cache-Tag</c>, comma-separated (Cloudflare).</summary>
    CacheTag = 2,

    /// <summary><c>xkey</c>, space-separated (Varnish with the xkey module).</summary>
    XKey = 4,
}

/// <summary>Options of the CacheGen HTTP middleware (<c>AddCacheGenHttp</c>).</summary>
public sealed class CacheGenHttpOptions
{
    /// <summary>The header that says what each cached call found in L1 and Redis. Default <c>X-Cache</c>.</summary>
    public string XCacheHeader { get; set; } = "X-Cache";

    /// <summary>
    /// Which surrogate-key headers to write on responses that shared caches may keep (<see cref="HttpCacheAttribute"/>).
    /// Default <see cref="SurrogateKeyHeaders.None"/>; set the one your CDN reads.
    /// </summary>
    public SurrogateKeyHeaders SurrogateKeyHeaders { get; set; }

    /// <summary>
    /// The longest surrogate-key header written, in characters. Default 8,000 (under Varnish's default 8 KiB header
    /// limit and Fastly's and Cloudflare's 16 KB). When the keys do not fit, keys collapse to their keyspaces; when even
    /// that does not fit, the response is not shared (<c>Cache-Control: private, no-store</c>).
    /// </summary>
    public int MaxSurrogateKeyHeaderLength { get; set; } = 8000;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(XCacheHeader))
        {
            throw new ArgumentException("CacheGenHttpOptions.XCacheHeader must name a header.", nameof(XCacheHeader));
        }

        if (MaxSurrogateKeyHeaderLength < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSurrogateKeyHeaderLength), MaxSurrogateKeyHeaderLength, "CacheGenHttpOptions.MaxSurrogateKeyHeaderLength must be at least 64.");
        }
    }
}
