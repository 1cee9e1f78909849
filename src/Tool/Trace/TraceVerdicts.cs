using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CacheGen.Tool.Trace;

/// <summary>The verdict on each layer of a traced response, from what can really be known there.</summary>
internal static class TraceVerdicts
{
    private const string Nothing = "Nothing to do.";

    public static IReadOnlyList<TraceLayer> Judge(TraceResponse response, TraceResponse? origin, IReadOnlyList<XCacheEntry> xcache, IReadOnlyList<string> surrogate, IReadOnlyList<RedisKeyState> keys, IReadOnlyList<RedisTagState> tags, bool redisRead, DateTimeOffset now)
    {
        var cdn = xcache.FirstOrDefault(e => e.Cdn is not null);
        var age = TraceRunner.Seconds(response.Headers.GetValueOrDefault("Age"));
        return
        [
            Browser(response),
            Cdn(response, origin, cdn, age, keys),
            Application(xcache, origin, cdn),
            Redis(surrogate, keys, tags, redisRead, now),
        ];
    }

    private static TraceLayer Browser(TraceResponse response)
    {
        var facts = Facts(response, "Cache-Control", "Expires", "Date");
        facts["status"] = response.Status.ToString(CultureInfo.InvariantCulture);
        var verdicts = new List<Finding>();
        var cacheControl = TraceRunner.CacheControl(response.Headers.GetValueOrDefault("Cache-Control"));
        if (cacheControl is null)
        {
            verdicts.Add(response.Headers.TryGetValue("Expires", out var expires) && DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until) && until > DateTimeOffset.UtcNow
                ? new Finding("browser-expires", Severity.Warning, $"No Cache-Control, but Expires {expires}: browsers may keep a copy until then, after any invalidation.", "Send Cache-Control: public, max-age=0, s-maxage=… (CacheAtEdge or [HttpCache]) so that only the purgeable CDN keeps a copy.")
                : new Finding("no-cache-control", Severity.Info, "No Cache-Control: browsers and CDNs apply their own heuristics (a CDN its default lifetime).", "For a response a CDN may keep, use CacheAtEdge or [HttpCache]; otherwise Cache-Control: no-store."));
        }
        else if (cacheControl.NoStore)
        {
            verdicts.Add(new Finding("browser-no-store", Severity.Info, "no-store: neither browsers nor CDNs keep a copy.", Nothing));
        }
        else if (cacheControl.MaxAge is { } maxAge && maxAge > TimeSpan.Zero)
        {
            verdicts.Add(new Finding(
                "browser-max-age",
                Severity.Warning,
                $"Browser max-age={maxAge.TotalSeconds:0} set: clients may keep a copy for up to {maxAge.TotalSeconds:0} s after an invalidation, and no purge reaches a browser.",
                "Let only the CDN keep a copy: CacheAtEdge or [HttpCache(SharedMaxAge = …)] write max-age=0, s-maxage=… (the CG1008 analyzer reports browser lifetimes on data CacheGen invalidates)."));
        }
        else
        {
            verdicts.Add(new Finding("browser-revalidates", Severity.Info, "Browsers keep no fresh copy (max-age=0 or no-cache): they ask again every time.", Nothing));
        }

        return new TraceLayer("browser", facts, verdicts);
    }

    private static TraceLayer Cdn(TraceResponse response, TraceResponse? origin, XCacheEntry? cdn, long? age, IReadOnlyList<RedisKeyState> keys)
    {
        var facts = Facts(response, "Age", "Via");
        var verdicts = new List<Finding>();
        var cacheControl = TraceRunner.CacheControl(response.Headers.GetValueOrDefault("Cache-Control"));
        var shared = cacheControl?.SharedMaxAge ?? cacheControl?.MaxAge;
        if (shared is { } lifetime)
        {
            facts["shared lifetime"] = $"{lifetime.TotalSeconds:0} s";
        }

        if (cdn is null && age is null)
        {
            verdicts.Add(new Finding("no-cdn", Severity.Info, "No CDN verdict in X-Cache and no Age: the response came from the application directly (or the CDN does not add its verdict to X-Cache).", "If a CDN is in front, make it add CDN=HIT|MISS in front of X-Cache (deploy/varnish/cachegen.vcl does)."));
        }
        else
        {
            facts["verdict"] = cdn?.Cdn ?? "(not given)";
            var hit = string.Equals(cdn?.Cdn, "HIT", StringComparison.OrdinalIgnoreCase) || age > 0;
            verdicts.Add(hit
                ? new Finding("cdn-hit", Severity.Info, $"The CDN served its copy, {age ?? 0} s old{(shared is { } s ? $" (kept up to {s.TotalSeconds:0} s)" : string.Empty)}.", Nothing)
                : new Finding("cdn-miss", Severity.Info, "The CDN asked the application (MISS): this response is current as of now.", Nothing));
            if (cacheControl is { Public: true } && shared >= TimeSpan.FromHours(1))
            {
                verdicts.Add(new Finding("long-shared-lifetime", Severity.Warning, $"The CDN may keep this response {shared.Value.TotalSeconds:0} s: without a purge on every write, that is how long stale data can be served.", "Keep s-maxage in minutes, and configure a purger (AddVarnishPurger, AddFastlyPurger, AddCloudflarePurger) — the CG1009 analyzer reports this."));
            }

            if (origin is not null)
            {
                facts["origin body"] = origin.BodySha256 == response.BodySha256 ? "same as the CDN's" : "differs from the CDN's";
                if (origin.BodySha256 != response.BodySha256 && hit)
                {
                    verdicts.Add(new Finding(
                        "cdn-stale-copy",
                        Severity.Error,
                        $"The CDN is serving a copy (Age {age ?? 0} s) that differs from what the application answers now: it was stored before the data changed, and no purge has reached the CDN.",
                        "Check that the application has a purger (AddVarnishPurger, AddFastlyPurger, AddCloudflarePurger), that cachegen.cdn.purges shows no failed or dropped purges, and that the response carried the surrogate key of the write (k:<key> or t:<tag>). To drop this copy now, purge its surrogate keys (Varnish: PURGE / with xkey-purge: <keys>)."));
                }
                else if (hit)
                {
                    verdicts.Add(new Finding("cdn-copy-current", Severity.Info, "The CDN's copy is the same as what the application answers now.", Nothing));
                }
            }
            else if (hit && keys.Where(k => k.State is "absent" or "invalidated").Select(k => k.Key).ToArray() is { Length: > 0 } gone)
            {
                verdicts.Add(Finding.Of(
                    "cdn-copy-outlived-entry",
                    Severity.Warning,
                    $"The CDN's copy (Age {age ?? 0} s) was built from entries Redis no longer holds as current: invalidated or expired since. Redis keeps no write time, so whether the data changed is not known from here.",
                    "Run again with --origin <application address>: the tool compares the CDN's copy with the application's answer.",
                    gone));
            }
        }

        return new TraceLayer("cdn", facts, verdicts);
    }

    private static TraceLayer Application(IReadOnlyList<XCacheEntry> xcache, TraceResponse? origin, XCacheEntry? cdn)
    {
        var calls = xcache.Where(e => e.Cdn is null).ToList();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (calls.Count > 0)
        {
            facts["X-Cache"] = string.Join(", ", calls.Select(c => c.Text));
        }

        if (origin?.Headers.GetValueOrDefault("X-Cache") is { } now)
        {
            facts["origin X-Cache"] = now;
        }

        var verdicts = new List<Finding>();
        if (calls.Count == 0)
        {
            verdicts.Add(new Finding("no-xcache", Severity.Info, "No X-Cache from the application: no cached call ran for this response, or the endpoint turned it off (.WithoutXCache()).", "Call app.UseCacheGenHttp() to see what L1 and Redis found."));
        }

        var recorded = string.Equals(cdn?.Cdn, "HIT", StringComparison.OrdinalIgnoreCase) ? " (as recorded when the CDN stored its copy)" : string.Empty;
        foreach (var call in calls)
        {
            var keyspace = call.Keyspace ?? "(unnamed)";
            var (code, text) = (call.L1?.ToUpperInvariant(), call.Redis?.ToUpperInvariant()) switch
            {
                ("HIT", _) => ("l1-hit", $"{keyspace}: served from the instance's memory (L1){recorded}; an invalidation reaches it over pub/sub."),
                ("STALE", _) or (_, "STALE") => ("served-stale", $"{keyspace}: served a stale value{recorded} while one caller refreshed it (StaleSeconds)."),
                (_, "HIT") => ("redis-hit", $"{keyspace}: L1 {call.L1 ?? "-"}, served from Redis{recorded}."),
                (_, "MISS") => ("loaded", $"{keyspace}: not cached, loaded from the source{recorded}."),
                _ => ("call", $"{keyspace}: {call.Text}{recorded}."),
            };
            verdicts.Add(new Finding(code, Severity.Info, text, Nothing));
        }

        return new TraceLayer("application", facts, verdicts);
    }

    private static TraceLayer Redis(IReadOnlyList<string> surrogate, IReadOnlyList<RedisKeyState> keys, IReadOnlyList<RedisTagState> tags, bool redisRead, DateTimeOffset now)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (surrogate.Count > 0)
        {
            facts["surrogate keys"] = string.Join(' ', surrogate);
        }

        var verdicts = new List<Finding>();
        if (!redisRead)
        {
            verdicts.Add(new Finding("redis-not-read", Severity.Info, "Redis was not read.", "Pass --redis <configuration> (and --prefix) to see each key's state."));
            return new TraceLayer("redis", facts, verdicts);
        }

        if (keys.Count == 0 && tags.Count == 0)
        {
            verdicts.Add(surrogate.Any(s => s.StartsWith("ks:", StringComparison.Ordinal))
                ? new Finding("keyspace-only", Severity.Info, "The response names keyspaces only (its keys did not fit the header).", "Name the keys with --key.")
                : new Finding("no-keys", Severity.Info, "The response names no cache keys: no surrogate key header (a CDN removes it before clients see it).", "Pass --origin <application address> to read the keys from the application, or name them with --key and --tag."));
        }

        foreach (var key in keys)
        {
            var ttl = $"{key.TtlMs / 1000.0:0.#} s";
            verdicts.Add(key.State switch
            {
                "absent" => new Finding("redis-absent", Severity.Info, $"{key.Key}: not in Redis — invalidated or expired; the next read loads it.", Nothing),
                "fresh" => new Finding("redis-fresh", Severity.Info, $"{key.Key}: fresh until {key.FreshUntil:u} (Redis TTL {ttl}).", Nothing),
                "stale" => new Finding("redis-stale", Severity.Info, $"{key.Key}: Redis entry stale since {key.FreshUntil:u} ({(now - key.FreshUntil!.Value).TotalSeconds:0} s): callers are served it while one refreshes it; Redis drops it in {ttl}.", "Nothing to do: expected within StaleSeconds after the TTL. If it stays stale across traces, the refresh fails: check the application's log for the loader's errors."),
                "orphan" => new Finding("redis-orphan", Severity.Error, $"{key.Key}: Redis key orphaned (no TTL): it never expires.", "CacheGen writes every entry with a TTL: something else rewrote or PERSISTed it. UNLINK it (the next read loads it) and find the writer (cachegen doctor lists all such keys)."),
                "invalidated" => new Finding("redis-invalidated", Severity.Info, $"{key.Key}: stamped with a tag token that is no longer current: a tag was invalidated after it was loaded. CacheGen does not serve it; the next read loads over it.", Nothing),
                _ => new Finding("redis-unreadable", Severity.Warning, $"{key.Key}: the Redis key does not hold a CacheGen value.", "Another writer uses CacheGen's prefix: CacheGen reads it as a miss and loads over it. Give the other writer a prefix of its own."),
            });
            if (key.UnknownTagStamps)
            {
                verdicts.Add(new Finding("tags-unknown", Severity.Info, $"{key.Key}: stamped with {key.TagTokens?.Count} tag token(s), not all of them of a tag that was read: whether one of its tags was invalidated since it was loaded is not known.", "Pass each of the entry's tags with --tag <tag> (the response's xkey or Surrogate-Key header names them)."));
            }

            if (key.LeaseTtlMs is { } lease)
            {
                verdicts.Add(lease < 0
                    ? new Finding("lease-stuck", Severity.Error, $"{key.Key}: a lease without TTL.", "CacheGen replaces it on the next miss; something else wrote it: UNLINK it and find the writer.")
                    : new Finding("lease-held", Severity.Info, $"{key.Key}: a load is under way (lease expires in {lease} ms){(key.Waiting ? ", callers waiting for it" : string.Empty)}.", Nothing));
            }
        }

        foreach (var tag in tags)
        {
            if (tag.Unreadable)
            {
                verdicts.Add(new Finding("tag-unreadable", Severity.Warning, $"tag {tag.Tag}: {tag.RedisKey} is not a string, so not CacheGen's tag token.", "Another writer uses CacheGen's prefix: CacheGen cannot stamp or invalidate this tag while the key is there. Give the other writer a prefix of its own."));
                continue;
            }

            verdicts.Add(tag.Token == 0
                ? new Finding("tag-absent", Severity.Info, $"tag {tag.Tag}: no token — invalidated since its entries were loaded (or never used); entries stamped before are not served.", Nothing)
                : new Finding("tag-current", Severity.Info, $"tag {tag.Tag}: token {tag.Token}, kept {tag.TtlMs / 1000.0:0.#} s more.", Nothing));
        }

        return new TraceLayer("redis", facts, verdicts);
    }

    private static Dictionary<string, string> Facts(TraceResponse response, params string[] names)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (response.Headers.TryGetValue(name, out var value))
            {
                facts[name] = value;
            }
        }

        return facts;
    }
}
