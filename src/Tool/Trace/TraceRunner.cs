using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace CacheGen.Tool.Trace;

/// <summary>
/// <c>cachegen trace</c>: one GET, then every layer top-down — the browser's lifetime (<c>Cache-Control</c>,
/// <c>Expires</c>), the CDN's verdict and <c>Age</c>, the application's <c>X-Cache</c>, and in Redis each key and tag the
/// response names (surrogate keys) — with a verdict per layer.
/// </summary>
public sealed class TraceRunner(TraceOptions options, HttpMessageHandler? handler = null, TimeProvider? time = null)
{
    private static readonly string[] SurrogateHeaders = ["xkey", "Surrogate-Key", "Cache-Tag"];
    private static readonly string[] KeptHeaders = ["Cache-Control", "Age", "Expires", "Date", "Last-Modified", "ETag", "Vary", "X-Cache", "xkey", "Surrogate-Key", "Cache-Tag", "Via"];
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Makes the request(s), reads Redis when configured, and judges each layer.</summary>
    public async Task<TraceReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: handler is null) { Timeout = options.Timeout };
        var at = _time.GetUtcNow();
        var response = await FetchAsync(client, options.Url, cancellationToken).ConfigureAwait(false);
        var surrogate = SurrogateKeysOf(response);

        ConnectionMultiplexer? redis = null;
        try
        {
            if (options.Redis is not null)
            {
                redis = await RedisConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
            }

            // Redis is read right after the request: what the cache held when this response was made.
            var (keys, tags) = await InspectAsync(redis, surrogate).ConfigureAwait(false);
            TraceResponse? origin = null;
            if (options.Origin is { } originBase)
            {
                origin = await FetchAsync(client, new Uri(originBase, options.Url.PathAndQuery), cancellationToken).ConfigureAwait(false);
                if (surrogate.Count == 0)
                {
                    // The CDN removed the surrogate keys: the origin's name them. Keys and tags named with --key and --tag
                    // keep the state read before the origin's request; the others are read after it.
                    surrogate = SurrogateKeysOf(origin);
                    var (moreKeys, moreTags) = await InspectAsync(redis, surrogate, keys.Select(k => k.Key).Concat(tags.Select(t => "t:" + t.Tag)).ToHashSet(StringComparer.Ordinal)).ConfigureAwait(false);
                    (keys, tags) = ([.. keys, .. moreKeys], [.. tags, .. moreTags]);
                }
            }

            var xcache = ParseXCache(response.Headers.GetValueOrDefault("X-Cache"));
            return new TraceReport
            {
                At = at,
                Response = response,
                OriginResponse = origin,
                XCache = xcache,
                SurrogateKeys = surrogate,
                Keys = keys,
                Tags = tags,
                Layers = TraceVerdicts.Judge(response, origin, xcache, surrogate, keys, tags, redis is not null, _time.GetUtcNow()),
            };
        }
        finally
        {
            if (redis is not null)
            {
                await redis.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Reads the keys and tags named by the options and the surrogate keys, except those already read (keys by name, tags as t:<tag>).
    private async Task<(IReadOnlyList<RedisKeyState> Keys, IReadOnlyList<RedisTagState> Tags)> InspectAsync(ConnectionMultiplexer? redis, IReadOnlyList<string> surrogate, HashSet<string>? read = null)
    {
        if (redis is null)
        {
            return ([], []);
        }

        read ??= [];
        var inspector = new RedisInspector(redis.GetDatabase(), options.Prefix, _time);
        var tagNames = options.Tags.Concat(surrogate.Where(s => s.StartsWith("t:", StringComparison.Ordinal)).Select(s => s[2..])).ToList();
        var named = surrogate.Where(s => s.StartsWith("k:", StringComparison.Ordinal)).Select(s => s[2..]).Where(k => !read.Contains(k)).ToHashSet(StringComparer.Ordinal);
        var onlyGiven = options.Keys.Where(k => !read.Contains(k) && !named.Contains(k)).ToList();
        // A key the response names is judged against every tag the response names (it names every tag of every entry it
        // was built from), including tags read before; a key named only with --key, against the --tag tags alone.
        var allTags = await inspector.TagsAsync(tagNames).ConfigureAwait(false);
        var givenTags = allTags.Where(t => options.Tags.Contains(t.Tag, StringComparer.Ordinal)).ToList();
        var keys = (await inspector.KeysAsync(onlyGiven, givenTags).ConfigureAwait(false))
            .Concat(await inspector.KeysAsync(named, allTags).ConfigureAwait(false))
            .ToList();
        return (keys, allTags.Where(t => !read.Contains("t:" + t.Tag)).ToList());
    }

    private async Task<TraceResponse> FetchAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in options.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                // The name only: the value may be a credential.
                throw new UsageException($"--header '{name}' cannot be sent as a request header.");
            }
        }

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in KeptHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
                {
                    headers[name] = string.Join(", ", values);
                }
            }

            return new TraceResponse(Printable(url), (int)response.StatusCode, headers, body.Length, Convert.ToHexStringLower(SHA256.HashData(body)), Math.Round(watch.Elapsed.TotalMilliseconds, 2));
        }
        catch (HttpRequestException e)
        {
            throw new UnreachableException($"Cannot reach {Printable(url)}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UnreachableException($"{Printable(url)} did not answer within {options.Timeout.TotalSeconds:0.#} s.", e);
        }
    }

    /// <summary>The URL as the tool prints it: without user info (<c>user:password@</c>), which may hold a password.</summary>
    public static string Printable(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.UserInfo.Length == 0 ? url.ToString() : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri.ToString();
    }

    /// <summary>The surrogate keys of a response, decoded (<c>%XX</c> escapes undone), in order, each once.</summary>
    public static IReadOnlyList<string> SurrogateKeysOf(TraceResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var keys = new List<string>();
        foreach (var name in SurrogateHeaders)
        {
            if (response.Headers.TryGetValue(name, out var value))
            {
                foreach (var token in value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var decoded = Uri.UnescapeDataString(token);
                    if (!keys.Contains(decoded))
                    {
                        keys.Add(decoded);
                    }
                }
            }
        }

        return keys;
    }

    /// <summary>Splits <c>X-Cache</c>: <c>CDN=HIT, revenue L1=MISS Redis=HIT</c>.</summary>
    public static IReadOnlyList<XCacheEntry> ParseXCache(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        var entries = new List<XCacheEntry>();
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string? Layer(string name) => words.FirstOrDefault(w => w.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..];
            if (Layer("CDN") is { } cdn && words.Length == 1)
            {
                entries.Add(new XCacheEntry(part, Cdn: cdn));
            }
            else
            {
                entries.Add(new XCacheEntry(part, Keyspace: words[0].Contains('=', StringComparison.Ordinal) ? null : words[0], L1: Layer("L1"), Redis: Layer("Redis")));
            }
        }

        return entries;
    }

    /// <summary>A header's seconds (<c>Age</c>), or null.</summary>
    internal static long? Seconds(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    /// <summary>The parsed <c>Cache-Control</c>, or null.</summary>
    internal static CacheControlHeaderValue? CacheControl(string? value) =>
        value is not null && CacheControlHeaderValue.TryParse(value, out var parsed) ? parsed : null;
}
