using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CacheGen.AspNetCore;

/// <summary>A purger that sends one HTTP request per batch; what the request looks like is the CDN's.</summary>
public abstract class HttpPurger : ICdnPurger, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>Creates the purger.</summary>
    /// <param name="http">The client to send with; a client of its own (10 s timeout) when null.</param>
    protected HttpPurger(HttpClient? http)
    {
        _ownsClient = http is null;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <inheritdoc/>
    public abstract int MaxKeysPerRequest { get; }

    /// <summary>The request that purges <paramref name="surrogateKeys"/>.</summary>
    protected abstract HttpRequestMessage CreateRequest(IReadOnlyList<string> surrogateKeys);

    /// <inheritdoc/>
    public async Task PurgeAsync(IReadOnlyList<string> surrogateKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surrogateKeys);
        using var request = CreateRequest(surrogateKeys);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CdnPurgeException($"The purge request to {request.RequestUri?.GetLeftPart(UriPartial.Authority)} failed: {ex.Message}", retryable: true, ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            // Never the request's headers or body in the message: they hold the API token.
            var status = (int)response.StatusCode;
            var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
            throw new CdnPurgeException($"{request.RequestUri?.GetLeftPart(UriPartial.Authority)} answered the purge with {status} {response.ReasonPhrase}.", retryable);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the client it created.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsClient)
        {
            _http.Dispose();
        }
    }
}

/// <summary>
/// Purges Varnish with the xkey module: <c>PURGE /</c> with the keys, space-separated, in the <c>xkey-purge</c> header —
/// what the VCL in <c>deploy/varnish/cachegen.vcl</c> answers (restrict who may send it with its <c>purgers</c> ACL).
/// </summary>
public sealed class VarnishPurger(Uri varnish, HttpClient? http = null) : HttpPurger(http)
{
    private static readonly HttpMethod Purge = new("PURGE");

    /// <summary>Keys per request: a header line stays well under Varnish's default 8 KiB.</summary>
    public override int MaxKeysPerRequest => 64;

    /// <inheritdoc/>
    protected override HttpRequestMessage CreateRequest(IReadOnlyList<string> surrogateKeys)
    {
        var request = new HttpRequestMessage(Purge, new Uri(varnish, "/"));
        request.Headers.TryAddWithoutValidation("xkey-purge", string.Join(' ', surrogateKeys));
        return request;
    }
}

/// <summary>
/// Purges Fastly by surrogate key: <c>POST /service/{service_id}/purge</c> with <c>{"surrogate_keys":[…]}</c> and the
/// API token in <c>Fastly-Key</c>, up to 256 keys per request (Fastly API reference, "Purge multiple surrogate key
/// tags": https://www.fastly.com/documentation/reference/api/purging/).
/// </summary>
public sealed class FastlyPurger(string serviceId, string apiToken, Uri? apiBase = null, HttpClient? http = null, bool softPurge = false) : HttpPurger(http)
{
    private readonly Uri _endpoint = new(apiBase ?? new Uri("https://api.fastly.com/"), $"service/{Uri.EscapeDataString(serviceId)}/purge");

    /// <inheritdoc/>
    public override int MaxKeysPerRequest => 256;

    /// <inheritdoc/>
    protected override HttpRequestMessage CreateRequest(IReadOnlyList<string> surrogateKeys)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new PurgeBody(surrogateKeys), PurgeJson.Default.PurgeBody),
        };
        request.Headers.TryAddWithoutValidation("Fastly-Key", apiToken);
        request.Headers.Accept.ParseAdd("application/json");
        if (softPurge)
        {
            request.Headers.TryAddWithoutValidation("Fastly-Soft-Purge", "1");
        }

        return request;
    }
}

/// <summary>
/// Purges Cloudflare by cache tag: <c>POST /client/v4/zones/{zone_id}/purge_cache</c> with <c>{"tags":[…]}</c> and
/// <c>Authorization: Bearer &lt;API token&gt;</c>, at most 100 tags per request (Cloudflare API reference, "Purge Cached
/// Content by Tag, Host or Prefix": https://developers.cloudflare.com/api/resources/cache/methods/purge/; limits:
/// https://developers.cloudflare.com/cache/how-to/purge-cache/).
/// </summary>
public sealed class CloudflarePurger(string zoneId, string apiToken, Uri? apiBase = null, HttpClient? http = null) : HttpPurger(http)
{
    private readonly Uri _endpoint = new(apiBase ?? new Uri("https://api.cloudflare.com/"), $"client/v4/zones/{Uri.EscapeDataString(zoneId)}/purge_cache");

    /// <inheritdoc/>
    public override int MaxKeysPerRequest => 100;

    /// <inheritdoc/>
    protected override HttpRequestMessage CreateRequest(IReadOnlyList<string> surrogateKeys)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new TagsBody(surrogateKeys), PurgeJson.Default.TagsBody),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiToken);
        return request;
    }
}

internal sealed record PurgeBody([property: System.Text.Json.Serialization.JsonPropertyName("surrogate_keys")] IReadOnlyList<string> SurrogateKeys);

internal sealed record TagsBody([property: System.Text.Json.Serialization.JsonPropertyName("tags")] IReadOnlyList<string> Tags);

[System.Text.Json.Serialization.JsonSerializable(typeof(PurgeBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(TagsBody))]
internal sealed partial class PurgeJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
