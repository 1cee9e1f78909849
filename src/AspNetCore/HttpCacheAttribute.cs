using System;

namespace CacheGen.AspNetCore;

/// <summary>
/// Lets shared caches (a CDN, Varnish) keep the endpoint's responses: the CacheGen middleware writes
/// <c>Cache-Control: public, max-age=0, s-maxage=…</c> from it. The browser's own copy lasts <see cref="MaxAge"/>
/// (0 by default): a CDN copy can be purged when the data changes, a browser copy cannot.
/// </summary>
/// <remarks>
/// Never written on a response that sets a cookie or answers an authenticated request (unless
/// <see cref="AllowCookies"/> / <see cref="AllowAuthenticated"/>), nor on one that is not a success: those get
/// <c>Cache-Control: private, no-store</c>. Nor when the endpoint already wrote its own <c>Cache-Control</c>.
/// </remarks>
/// <example><code>[HttpCache(SharedMaxAge = 60, StaleWhileRevalidate = 300)]</code></example>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class HttpCacheAttribute : Attribute
{
    /// <summary>How long a shared cache (CDN) may serve the response, in seconds (<c>s-maxage</c>). Keep it short (minutes) and purge on change.</summary>
    public int SharedMaxAge { get; set; }

    /// <summary>How long the browser may keep the response, in seconds (<c>max-age</c>). Default 0: a browser copy cannot be purged.</summary>
    public int MaxAge { get; set; }

    /// <summary>How long past <see cref="SharedMaxAge"/> a shared cache may serve the response while it revalidates (<c>stale-while-revalidate</c>); 0 leaves it out.</summary>
    public int StaleWhileRevalidate { get; set; }

    /// <summary>How long past <see cref="SharedMaxAge"/> a shared cache may serve the response when the origin fails (<c>stale-if-error</c>); 0 leaves it out.</summary>
    public int StaleIfError { get; set; }

    /// <summary>Request headers the response varies by, written as <c>Vary</c> (for example <c>Accept-Language</c>).</summary>
    public string[]? VaryBy { get; set; }

    /// <summary>Let shared caches keep responses to authenticated requests (only for data that is the same for every user).</summary>
    public bool AllowAuthenticated { get; set; }

    /// <summary>Let shared caches keep responses that set a cookie (a CDN would hand the cookie to every client).</summary>
    public bool AllowCookies { get; set; }

    /// <summary>The <c>Cache-Control</c> value for a response that may be shared.</summary>
    internal string HeaderValue()
    {
        var value = $"public, max-age={MaxAge}, s-maxage={SharedMaxAge}";
        if (StaleWhileRevalidate > 0)
        {
            value += $", stale-while-revalidate={StaleWhileRevalidate}";
        }

        if (StaleIfError > 0)
        {
            value += $", stale-if-error={StaleIfError}";
        }

        return value;
    }

    internal void Validate(string endpoint)
    {
        if (SharedMaxAge <= 0 || MaxAge < 0 || StaleWhileRevalidate < 0 || StaleIfError < 0)
        {
            throw new InvalidOperationException($"[HttpCache] on {endpoint}: SharedMaxAge must be greater than 0 and MaxAge, StaleWhileRevalidate and StaleIfError must not be negative.");
        }
    }
}

/// <summary>Leaves the <c>X-Cache</c> header off an endpoint's responses (<c>.WithoutXCache()</c>).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class NoXCacheAttribute : Attribute
{
}
