using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;
using StackExchange.Redis;

namespace CacheGen.Tool.Doctor;

/// <summary>
/// <c>cachegen doctor</c>: reads each server's settings, pub/sub subscribers, blocked clients and slow log, then samples
/// the keyspace under the prefix with SCAN (never KEYS) — at most <see cref="DoctorOptions.Sample"/> keys in at most
/// <see cref="DoctorOptions.ScanCallBudget"/> calls, both split evenly over the primaries of a cluster — and judges
/// each key by CacheGen's layout. An admin command the server refuses is a finding, and its check is skipped.
/// </summary>
public sealed class DoctorRunner(DoctorOptions options, Action<string>? progress = null, TimeProvider? time = null)
{
    private const int SlowlogEntries = 128;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Connects to <see cref="DoctorOptions.Redis"/> and runs the check.</summary>
    public async Task<DoctorReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var redis = await RedisConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        return await RunAsync(redis, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the check on an open connection (admin commands must be allowed).</summary>
    public async Task<DoctorReport> RunAsync(IConnectionMultiplexer redis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var findings = new List<Finding>();
        var servers = redis.GetServers().Where(s => s.IsConnected).ToArray();
        if (servers.Length == 0)
        {
            throw new UnreachableException("No Redis server is connected.");
        }

        long subscribers = 0;
        var subscribersCounted = true;
        var started = _time.GetUtcNow();
        // Server-wide facts first: the slow log before this check's own commands can push entries out of it.
        foreach (var server in servers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ReadSlowlogAsync(server, findings, started).ConfigureAwait(false);
            var count = await AdminAsync(server, "PUBSUB NUMSUB", "+pubsub|numsub", "the invalidation channel's subscribers were not counted", findings, () => CountSubscribersAsync(server)).ConfigureAwait(false);
            subscribers += count ?? 0;
            subscribersCounted &= count is not null;
            await AdminAsync(server, "INFO", "+info", "blocked clients were not checked", findings, () => ReadInfoAsync(server, findings)).ConfigureAwait(false);
            if (!server.IsReplica)
            {
                await ReadMemoryPolicyAsync(server, findings).ConfigureAwait(false);
            }
        }

        if (subscribersCounted)
        {
            findings.Add(SubscriberFinding(subscribers));
        }

        // The sample and the SCAN calls are split evenly over the primaries, so that each one is examined.
        var keys = new List<KeyFacts>();
        var scanCalls = 0;
        var complete = true;
        var primaries = servers.Where(s => !s.IsReplica).ToArray();
        var sampleShares = Split(options.Sample, primaries.Length);
        var callShares = Split(options.ScanCallBudget, primaries.Length);
        var sampled = new Dictionary<IServer, (int Keys, int Calls, bool Complete)>();
        for (var i = 0; i < primaries.Length; i++)
        {
            var before = keys.Count;
            var (calls, reachedEnd) = await SampleAsync(primaries[i], keys, sampleShares[i], callShares[i], cancellationToken).ConfigureAwait(false);
            sampled[primaries[i]] = (keys.Count - before, calls, reachedEnd);
            scanCalls += calls;
            complete &= reachedEnd;
        }

        var summaries = servers.Select(s => sampled.TryGetValue(s, out var share)
            ? new ServerSummary(EndPointText.Of(s.EndPoint), "primary", s.Version.ToString()) { KeysExamined = share.Keys, ScanCalls = share.Calls, Complete = share.Complete }
            : new ServerSummary(EndPointText.Of(s.EndPoint), s.IsReplica ? "replica" : "primary", s.Version.ToString())).ToList();
        var now = _time.GetUtcNow();
        JudgeKeys(keys, now, findings);
        var histogram = Histogram(keys);
        var clusters = Clusters(keys, now);
        if (clusters.Count > 0)
        {
            var largest = clusters.MaxBy(c => c.Keys)!;
            findings.Add(Finding.Of(
                "synchronized-expiry",
                Severity.Warning,
                $"{clusters.Sum(c => c.Keys)} keys expire together in {clusters.Count} cluster(s); the largest: {largest.Keys} keys within {largest.Seconds} s at {largest.ExpiresAt:u} (around it: {largest.KeysPerSecondAround:0.#} keys/s).",
                "Keys written together with the same TTL expire together, and every caller of them misses at once. CacheGen spreads each TTL by JitterPercent (default 10 %): check that these keys are CacheGen's (JitterPercent not set to 0) and that no other code writes them with a fixed EXPIRE.",
                clusters.Select(c => $"{c.Keys} keys expiring at {c.ExpiresAt:u} over {c.Seconds} s")));
        }

        var byKind = keys.GroupBy(k => k.Kind).ToDictionary(g => g.Key.ToString().ToLowerInvariant(), g => g.Count(), StringComparer.Ordinal);
        return new DoctorReport
        {
            At = now,
            Prefix = options.Prefix,
            Servers = summaries,
            Sample = new SampleSummary(scanCalls, options.ScanCallBudget, options.ScanCount, keys.Count, options.Sample, complete),
            KeysByKind = byKind,
            TtlHistogram = histogram,
            ExpiryClusters = clusters,
            ChannelSubscribers = subscribersCounted ? subscribers : null,
            Findings = findings.OrderByDescending(f => f.Severity).ToArray(),
        };
    }

    /// <summary>
    /// <paramref name="total"/> split over <paramref name="parts"/> as evenly as whole numbers allow, the remainder to the
    /// first parts: the sample and the SCAN calls of each primary of a cluster.
    /// </summary>
    public static int[] Split(int total, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(parts);
        return Enumerable.Range(0, parts).Select(i => (total / parts) + (i < total % parts ? 1 : 0)).ToArray();
    }

    private async Task<(int Calls, bool ReachedEnd)> SampleAsync(IServer server, List<KeyFacts> keys, int sample, int callBudget, CancellationToken cancellationToken)
    {
        var pattern = GlobEscape(options.Prefix) + "*";
        long cursor = 0;
        var calls = 0;
        var examined = 0;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (calls >= callBudget || examined >= sample)
            {
                return (calls, false);
            }

            var arguments = new List<object> { cursor.ToString(CultureInfo.InvariantCulture) };
            if (options.Prefix.Length > 0)
            {
                arguments.Add("MATCH");
                arguments.Add(pattern);
            }

            arguments.Add("COUNT");
            arguments.Add(options.ScanCount);
            var page = (RedisResult[])(await server.ExecuteAsync("SCAN", arguments).ConfigureAwait(false))!;
            calls++;
            cursor = long.Parse((string)page[0]!, CultureInfo.InvariantCulture);
            var found = ((RedisKey[])page[1]!).Select(k => (string)k!).Take(sample - examined).ToArray();
            keys.AddRange(await InspectAsync(server, found).ConfigureAwait(false));
            examined += found.Length;
            progress?.Invoke($"{EndPointText.Of(server.EndPoint)}: SCAN {calls}/{callBudget} calls, {examined:N0}/{sample:N0} keys examined");
        }
        while (cursor != 0);

        return (calls, true);
    }

    // One pipelined round per SCAN page: type, remaining lifetime and memory of each key, the header of each value, the holder of each lease.
    private async Task<KeyFacts[]> InspectAsync(IServer server, string[] keys)
    {
        var work = keys.Select(async key =>
        {
            var kind = CacheGenLayout.Classify(options.Prefix, key, out var name);
            var type = server.ExecuteAsync("TYPE", (RedisKey)key);
            var pttl = server.ExecuteAsync("PTTL", (RedisKey)key);
            var memory = TryAsync(server.ExecuteAsync("MEMORY", "USAGE", (RedisKey)key));
            var header = kind == KeyKind.Value ? TryAsync(server.ExecuteAsync("GETRANGE", (RedisKey)key, 0, CacheGenLayout.MaxHeaderLength - 1)) : null;
            var holder = kind == KeyKind.Lease ? TryAsync(server.ExecuteAsync("GET", (RedisKey)key)) : null;
            var typeName = (string?)await type.ConfigureAwait(false) ?? "none";
            long? bytes = (await memory.ConfigureAwait(false)) is { IsNull: false } used ? (long)used : null;
            if (bytes is null && typeName == "string")
            {
                bytes = (long)await server.ExecuteAsync("STRLEN", (RedisKey)key).ConfigureAwait(false);
            }

            Envelope? envelope = null;
            var readable = true;
            if (header is not null)
            {
                var raw = await header.ConfigureAwait(false);
                readable = raw is { IsNull: false } && CacheGenLayout.TryReadEnvelope((byte[])raw!, out envelope);
            }

            var leaseHolder = holder is null ? null : (string?)await holder.ConfigureAwait(false);
            return new KeyFacts(key, kind, name, typeName, (long)await pttl.ConfigureAwait(false), bytes, envelope, readable, leaseHolder);
        });
        return await Task.WhenAll(work).ConfigureAwait(false);
    }

    private static void AddWhenAny(List<Finding> findings, List<KeyFacts> keys, string code, Severity severity, string summary, string whatToDo, Func<KeyFacts, string>? example = null) =>
        Finding.AddWhenAny(findings, keys, code, severity, summary, whatToDo, example ?? (k => k.Key));

    // An admin command the server refuses (an ACL without the permission, a managed service that renamed it): an info
    // finding naming the command and the permission, and the check that needed it is skipped.
    private static async Task<T?> AdminAsync<T>(IServer server, string command, string permission, string skipped, List<Finding> findings, Func<Task<T>> run)
        where T : struct
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (RedisServerException e)
        {
            findings.Add(Refused(server, command, permission, skipped, e));
            return null;
        }
    }

    private static Task<bool?> AdminAsync(IServer server, string command, string permission, string skipped, List<Finding> findings, Func<Task> run) =>
        AdminAsync(server, command, permission, skipped, findings, async () =>
        {
            await run().ConfigureAwait(false);
            return true;
        });

    private static Finding Refused(IServer server, string command, string permission, string skipped, RedisServerException e) =>
        new(
            "command-refused",
            Severity.Info,
            $"{EndPointText.Of(server.EndPoint)}: {command} refused ({e.Message.Split('\n')[0].Trim()}): {skipped}.",
            $"Run doctor as a user allowed {command} (ACL SETUSER <user> {permission}); on a managed service that disables it, check this in the provider's console.");

    private static async Task<RedisResult?> TryAsync(Task<RedisResult> command)
    {
        try
        {
            return await command.ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
            return null;
        }
    }

    private void JudgeKeys(List<KeyFacts> keys, DateTimeOffset now, List<Finding> findings)
    {
        var present = keys.Where(k => k.PttlMs != -2).ToList();
        var orphans = present.Where(k => k.PttlMs == -1 && k.Kind != KeyKind.Lease).ToList();
        var ours = orphans.Count(k => k.Kind != KeyKind.Other);
        AddWhenAny(
            findings,
            orphans,
            "orphan-keys",
            ours > 0 ? Severity.Error : Severity.Warning,
            $"{orphans.Count} of {present.Count} keys examined have no TTL ({ours} of CacheGen's shape: values, waiting marks or tag tokens).",
            "CacheGen writes every value, lease and tag token with a TTL: these were written by other code, or their TTL was removed (PERSIST, a SET without EX). They stay until deleted and, under a noeviction policy, fill memory. Find the writer (the CG1006 analyzer flags cache writes without expiry), then UNLINK the keys or give them a TTL with EXPIRE.");

        var leases = present.Where(k => k.Kind == KeyKind.Lease).ToList();
        var leaseTtlMs = (long)options.LeaseTtl.TotalMilliseconds;
        var stuck = leases.Where(k => k.PttlMs == -1).ToList();
        AddWhenAny(
            findings,
            stuck,
            "stuck-leases",
            Severity.Error,
            $"{stuck.Count} lease(s) without a TTL: held by nobody, they never expire by themselves.",
            "CacheGen grants every lease with the lease TTL (LeaseTtl, default 10 s), so a lease without one was written or altered by other code. CacheGen's lease script replaces such a lease on the next miss, but any other reader of this key waits for it forever: UNLINK them and find the writer.");

        var overdue = leases.Where(k => k.PttlMs > leaseTtlMs).ToList();
        AddWhenAny(
            findings,
            overdue,
            "leases-outliving-ttl",
            Severity.Warning,
            $"{overdue.Count} lease(s) will live longer than the lease TTL ({options.LeaseTtl.TotalSeconds:0.#} s): the longest for {overdue.Select(k => k.PttlMs).DefaultIfEmpty().Max() / 1000.0:0.#} s more.",
            "A lease is written with LeaseTtl and deleted when its holder writes the value; one that outlives LeaseTtl was written with a longer TTL (another configuration, or by hand). Callers of the key wait up to MaxLeaseWait each and then load uncached. Check --lease-ttl matches the applications' LeaseTtl; UNLINK leases nobody holds.",
            k => $"{k.Key} (expires in {k.PttlMs / 1000.0:0.#} s)");

        var foreignLeases = leases.Where(k => k.Type == "string" && !CacheGenLayout.IsLeaseToken(k.LeaseHolder) || k.Type is not ("string" or "none")).ToList();
        AddWhenAny(
            findings,
            foreignLeases,
            "foreign-leases",
            Severity.Warning,
            $"{foreignLeases.Count} key(s) at a lease's name do not hold a CacheGen lease token.",
            "CacheGen's leases hold 32 lowercase hex digits; the lease script replaces anything else at the next miss. Some other code writes keys ending in :lease under CacheGen's prefix: give it a prefix of its own.");

        var big = present.Where(k => k.MemoryBytes > options.BigKeyBytes).OrderByDescending(k => k.MemoryBytes).ToList();
        AddWhenAny(
            findings,
            big,
            "big-keys",
            Severity.Warning,
            $"{big.Count} key(s) over {options.BigKeyBytes:N0} bytes; the largest {big.FirstOrDefault()?.MemoryBytes:N0} bytes.",
            "Every Redis hit on a big value moves all of it over the network and blocks Redis while it is copied; deleting it blocks too (DEL; UNLINK frees it in the background). Cache smaller pieces (a page rather than the whole list), or keep it in L1 only for hot keys (LocalTtlSeconds).",
            k => $"{k.Key} ({k.MemoryBytes:N0} bytes, {k.Type})");

        var unreadable = present.Where(k => k.Kind == KeyKind.Value && !k.Readable).ToList();
        AddWhenAny(
            findings,
            unreadable,
            "foreign-values",
            Severity.Warning,
            $"{unreadable.Count} key(s) of a cached value's shape do not hold a CacheGen value.",
            "CacheGen reads them as misses and overwrites them on the next load: some other code writes under CacheGen's prefix. Give it a prefix of its own (KeyPrefix).",
            k => $"{k.Key} ({k.Type})");

        var values = present.Where(k => k.Envelope is not null).ToList();
        var pastWindow = values.Where(k => now - k.Envelope!.FreshUntil > options.MaxStale).ToList();
        AddWhenAny(
            findings,
            pastWindow,
            "stale-past-window",
            Severity.Warning,
            $"{pastWindow.Count} value(s) stopped being fresh more than {options.MaxStale.TotalSeconds:0.#} s ago (--max-stale) and are still in Redis.",
            "CacheGen sets a value's Redis TTL to its fresh time plus StaleSeconds, so such a value outlived its stale window: its TTL was extended or removed by other code. CacheGen does not serve it past the stale window (it reloads), but it takes memory. Check --max-stale is your largest StaleSeconds; find what extends the TTL.",
            k => $"{k.Key} (fresh until {k.Envelope!.FreshUntil:u})");

        var stale = values.Count(k => k.Envelope!.FreshUntil <= now && now - k.Envelope.FreshUntil <= options.MaxStale);
        if (stale > 0)
        {
            findings.Add(new Finding(
                "stale-entries",
                Severity.Info,
                $"{stale} of {values.Count} CacheGen values are past their fresh time, within their stale window.",
                "Nothing to do: the next caller of each is served the stale value while one caller refreshes it (StaleSeconds). An invalidation deletes stale values too."));
        }
    }

    private static void ReadMemoryPolicy(Dictionary<string, string> config, List<Finding> findings, string endpoint)
    {
        var maxmemory = config.TryGetValue("maxmemory", out var m) && long.TryParse(m, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var policy = config.TryGetValue("maxmemory-policy", out var p) ? p : "unknown";
        if (maxmemory > 0 && policy == "noeviction")
        {
            findings.Add(new Finding(
                "noeviction",
                Severity.Warning,
                $"{endpoint}: maxmemory is {maxmemory:N0} bytes with maxmemory-policy noeviction.",
                "When memory is full Redis refuses every write with OOM and evicts nothing: CacheGen's loads still answer (the value is just not cached), but nothing new is cached until keys expire, and other users of this Redis fail their writes. For a cache, use allkeys-lru or allkeys-lfu (or volatile-lru: CacheGen gives every key a TTL); keep noeviction only on a Redis that also holds data that must not be evicted, and then size maxmemory for the cache's peak."));
        }
        else if (maxmemory == 0)
        {
            findings.Add(new Finding(
                "no-maxmemory",
                Severity.Info,
                $"{endpoint}: no maxmemory set (policy {policy}).",
                "Redis grows until the machine runs out of memory. Set maxmemory below the memory Redis may use, with allkeys-lru or allkeys-lfu for a cache."));
        }
        else
        {
            findings.Add(new Finding(
                "memory-policy",
                Severity.Info,
                $"{endpoint}: maxmemory {maxmemory:N0} bytes, maxmemory-policy {policy}.",
                "Nothing to do."));
        }
    }

    private static async Task ReadMemoryPolicyAsync(IServer server, List<Finding> findings)
    {
        try
        {
            var config = (await server.ConfigGetAsync("maxmemory*").ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            ReadMemoryPolicy(config, findings, EndPointText.Of(server.EndPoint));
        }
        catch (RedisServerException e)
        {
            findings.Add(new Finding("config-unreadable", Severity.Info, $"{EndPointText.Of(server.EndPoint)}: CONFIG GET refused ({e.Message}).", "Managed services often disable CONFIG: check maxmemory and its policy in the provider's console."));
        }
    }

    private static async Task ReadSlowlogAsync(IServer server, List<Finding> findings, DateTimeOffset now)
    {
        RedisResult[] entries;
        try
        {
            entries = (RedisResult[])(await server.ExecuteAsync("SLOWLOG", "GET", SlowlogEntries).ConfigureAwait(false))!;
        }
        catch (RedisServerException e)
        {
            findings.Add(Refused(server, "SLOWLOG GET", "+slowlog", "KEYS calls in the slow log were not looked for", e));
            return;
        }

        var keysCalls = new List<string>();
        foreach (var entry in entries)
        {
            var fields = (RedisResult[])entry!;
            if (fields.Length < 4)
            {
                continue;
            }

            var arguments = ((RedisResult[])fields[3]!).Select(a => (string?)a ?? string.Empty).ToArray();
            if (arguments.Length == 0 || !arguments[0].Equals("KEYS", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var at = DateTimeOffset.FromUnixTimeSeconds((long)fields[1]);
            var client = fields.Length > 4 ? (string?)fields[4] : null;
            var name = fields.Length > 5 ? (string?)fields[5] : null;
            keysCalls.Add($"{string.Join(' ', arguments)} from {(string.IsNullOrEmpty(client) ? "an unknown client" : client)}{(string.IsNullOrEmpty(name) ? string.Empty : $" ({name})")} at {at:u} ({Age(now - at)} ago), {(long)fields[2]:N0} µs");
        }

        Finding.AddWhenAny(
            findings,
            keysCalls,
            "keys-in-slowlog",
            Severity.Warning,
            $"{EndPointText.Of(server.EndPoint)}: {keysCalls.Count} KEYS call(s) in the slow log (last {SlowlogEntries} entries).",
            "KEYS walks the whole keyspace in one command and blocks every other client meanwhile; with millions of keys that is seconds of outage. Replace it with SCAN (the CG1001 analyzer flags KEYS in code); the client named here made it. To invalidate many keys, use tags ([InvalidatesCacheTag]) rather than pattern deletes. The slow log keeps its entries however old (see each one's age): after fixing the caller, SLOWLOG RESET clears the log.",
            call => call);
    }

    private async Task<long> CountSubscribersAsync(IServer server)
    {
        var reply = (RedisResult[])(await server.ExecuteAsync("PUBSUB", "NUMSUB", options.Channel).ConfigureAwait(false))!;
        return reply.Length >= 2 ? (long)reply[1] : 0;
    }

    private Finding SubscriberFinding(long subscribers)
    {
        if (options.ExpectedInstances is not { } expected)
        {
            return new Finding(
                "channel-subscribers",
                Severity.Info,
                $"{subscribers} subscriber(s) of the invalidation channel '{options.Channel}'.",
                "Each running CacheGen instance subscribes once (so does a running 'cachegen watch'). Pass --expected-instances to check the count.");
        }

        if (subscribers < expected)
        {
            return new Finding(
                "missing-subscribers",
                Severity.Error,
                $"{subscribers} subscriber(s) of '{options.Channel}', {expected} instance(s) expected.",
                "An instance that is not subscribed does not hear invalidations and serves its in-process (L1) copies until LocalTtlSeconds: check that every instance uses this Redis and the same InvalidationChannel, and its log for connection errors. CLIENT LIST shows who is connected.");
        }

        return subscribers > expected
            ? new Finding(
                "extra-subscribers",
                Severity.Info,
                $"{subscribers} subscriber(s) of '{options.Channel}', {expected} instance(s) expected.",
                "More instances than expected, or listeners such as 'cachegen watch'. Nothing to do unless an instance should be gone.")
            : new Finding("channel-subscribers", Severity.Info, $"{subscribers} subscriber(s) of '{options.Channel}', as expected.", "Nothing to do.");
    }

    private static async Task ReadInfoAsync(IServer server, List<Finding> findings)
    {
        var info = (await server.InfoAsync("clients").ConfigureAwait(false)).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (info.TryGetValue("blocked_clients", out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var blocked) && blocked > 0)
        {
            findings.Add(new Finding(
                "blocked-clients",
                Severity.Warning,
                $"{EndPointText.Of(server.EndPoint)}: {blocked} client(s) blocked (blocked_clients in INFO clients).",
                "CacheGen never blocks a connection (no BLPOP, WAIT or blocking XREAD). Blocked clients are another user's, each holding a connection; many of them, or one blocked on a key CacheGen writes, point at a queue sharing this Redis. CLIENT LIST shows them (flags=b)."));
        }
    }

    /// <summary>An age in its largest units: <c>3 d 4 h</c>, <c>2 h 5 min</c>, <c>12 min</c>, <c>40 s</c>.</summary>
    internal static string Age(TimeSpan age)
    {
        age = age < TimeSpan.Zero ? TimeSpan.Zero : age;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays} d {age.Hours} h"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes} min"
            : $"{(int)age.TotalSeconds} s";
    }

    private static List<TtlBucket> Histogram(List<KeyFacts> keys)
    {
        (string Range, long UpToMs)[] ranges =
        [
            ("under 1 min", 60_000), ("1-10 min", 600_000), ("10-60 min", 3_600_000), ("1-6 h", 21_600_000), ("6-24 h", 86_400_000), ("1 day or more", long.MaxValue),
        ];
        var counts = new int[ranges.Length];
        foreach (var key in keys.Where(k => k.PttlMs > 0))
        {
            counts[Array.FindIndex(ranges, r => key.PttlMs < r.UpToMs)]++;
        }

        var buckets = ranges.Select((r, i) => new TtlBucket(r.Range, counts[i])).ToList();
        buckets.Add(new TtlBucket("no TTL", keys.Count(k => k.PttlMs == -1)));
        return buckets;
    }

    // A second whose expiries are many (ClusterThreshold or more) and at least five times the average of the non-empty
    // seconds 2 to 30 s around it: keys written together with one fixed TTL. Jittered keys spread over many seconds and
    // have neighbours as busy as themselves. Adjacent flagged seconds make one cluster.
    private List<ExpiryCluster> Clusters(List<KeyFacts> keys, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var perSecond = keys.Where(k => k.PttlMs > 0).GroupBy(k => (nowMs + k.PttlMs) / 1000).ToDictionary(g => g.Key, g => g.Count());
        var flagged = new SortedDictionary<long, double>();
        foreach (var (second, count) in perSecond)
        {
            if (count < options.ClusterThreshold)
            {
                continue;
            }

            var around = new List<int>();
            for (var d = 2; d <= 30; d++)
            {
                if (perSecond.TryGetValue(second - d, out var before))
                {
                    around.Add(before);
                }

                if (perSecond.TryGetValue(second + d, out var after))
                {
                    around.Add(after);
                }
            }

            var average = around.Count == 0 ? 0 : around.Average();
            if (count >= 5 * average)
            {
                flagged[second] = average;
            }
        }

        var clusters = new List<ExpiryCluster>();
        foreach (var (second, average) in flagged)
        {
            if (clusters.Count > 0 && clusters[^1].ExpiresAt.ToUnixTimeSeconds() + clusters[^1].Seconds == second)
            {
                var last = clusters[^1];
                clusters[^1] = last with { Seconds = last.Seconds + 1, Keys = last.Keys + perSecond[second] };
                continue;
            }

            clusters.Add(new ExpiryCluster(DateTimeOffset.FromUnixTimeSeconds(second), 1, perSecond[second], average));
        }

        return clusters;
    }

    private static string GlobEscape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private sealed record KeyFacts(string Key, KeyKind Kind, string? Name, string Type, long PttlMs, long? MemoryBytes, Envelope? Envelope, bool Readable, string? LeaseHolder);
}
