using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CacheGen.AspNetCore;

/// <summary>
/// Traces every CacheGen call of a request and, as the response starts, writes <c>X-Cache</c> (what each call found in
/// L1 and Redis), <c>Cache-Control</c> from the endpoint's <see cref="HttpCacheAttribute"/>, and the surrogate keys of the
/// cache entries the response was built from.
/// </summary>
internal sealed class CacheGenHttpMiddleware(RequestDelegate next, IOptions<CacheGenHttpOptions> options)
{
    private readonly CacheGenHttpOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        using var trace = CacheTrace.Begin();
        context.Response.OnStarting(static state =>
        {
            var (middleware, context, trace) = ((CacheGenHttpMiddleware, HttpContext, CacheTrace))state;
            middleware.OnStarting(context, trace);
            return Task.CompletedTask;
        }, (this, context, trace));
        await next(context).ConfigureAwait(false);
    }

    private void OnStarting(HttpContext context, CacheTrace trace)
    {
        var endpoint = context.GetEndpoint();
        var entries = trace.Entries;
        var headers = context.Response.Headers;
        if (entries.Count > 0 && endpoint?.Metadata.GetMetadata<NoXCacheAttribute>() is null)
        {
            headers[_options.XCacheHeader] = trace.ToHeaderValue();
        }

        if (endpoint?.Metadata.GetMetadata<HttpCacheAttribute>() is not { } cache || headers.ContainsKey(HeaderNames.CacheControl))
        {
            return;
        }

        if (!MayBeShared(context, cache))
        {
            headers.CacheControl = "private, no-store";
            return;
        }

        if (entries.Count > 0 && _options.SurrogateKeyHeaders != SurrogateKeyHeaders.None)
        {
            if (SurrogateKeys.ForResponse(entries, _options.MaxSurrogateKeyHeaderLength) is not { } keys)
            {
                headers.CacheControl = "private, no-store"; // the keys do not fit: a copy nobody could purge must not exist
                return;
            }

            if (_options.SurrogateKeyHeaders.HasFlag(SurrogateKeyHeaders.SurrogateKey))
            {
                headers["Surrogate-Key"] = string.Join(' ', keys);
            }

            if (_options.SurrogateKeyHeaders.HasFlag(SurrogateKeyHeaders.XKey))
            {
                headers["xkey"] = string.Join(' ', keys);
            }

            if (_options.SurrogateKeyHeaders.HasFlag(SurrogateKeyHeaders.CacheTag))
            {
                headers["Cache-Tag"] = string.Join(',', keys);
            }
        }

        headers.CacheControl = cache.HeaderValue();
        if (cache.VaryBy is { Length: > 0 } vary)
        {
            headers.Vary = string.Join(", ", vary);
        }
    }

    private static bool MayBeShared(HttpContext context, HttpCacheAttribute cache)
    {
        var response = context.Response;
        if (response.StatusCode is < 200 or >= 300)
        {
            return false;
        }

        if (!cache.AllowCookies && response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            return false;
        }

        var authenticated = context.User.Identities.Any(i => i.IsAuthenticated) || context.Request.Headers.ContainsKey(HeaderNames.Authorization);
        return cache.AllowAuthenticated || !authenticated;
    }
}
