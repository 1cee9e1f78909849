using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CacheGen.Internals;

/// <summary>What one Redis primary reported in one sample; null where the server does not report the field.</summary>
internal sealed record RedisServerSignals(string Server, long? BlockedClients, long? UsedMemory, long? MaxMemory, long? EvictedKeys, long? OperationsPerSecond, long? KeyspaceHits, long? KeyspaceMisses, bool SlowLogRead);

/// <summary>
/// Samples <c>INFO</c> and <c>SLOWLOG GET</c> of every primary and reports them as observable instruments of the
/// <c>CacheGen</c> meter (tag <c>server</c>). The instruments report the last sample, and nothing once this instance
/// stops sampling (another took over), so two instances never report the same server at once.
/// </summary>
internal sealed class RedisSignalsSampler
{
    /// <summary>How many slow log entries one sample reads (the newest).</summary>
    internal const int SlowLogEntries = 128;

    private readonly ILogger _logger;
    private readonly long _startedUnixSeconds;
    // Per server: the server's run_id and the newest slow log entry read (ids start again when the server restarts).
    private readonly ConcurrentDictionary<string, (string RunId, long Id)> _lastSlowLogId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _keysSeen = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<RedisServerSignals> _latest = [];

    public RedisSignalsSampler(Meter meter, ILogger logger, long startedUnixSeconds)
    {
        _logger = logger;
        _startedUnixSeconds = startedUnixSeconds;
        meter.CreateObservableGauge("cachegen.redis.clients.blocked", () => Observe(s => s.BlockedClients), "{client}", "Clients waiting inside a blocking command (blocked_clients): BLPOP, BLMOVE, XREAD BLOCK, WAIT and the like.");
        meter.CreateObservableGauge("cachegen.redis.memory.used", () => Observe(s => s.UsedMemory), "By", "Memory Redis has allocated (used_memory).");
        meter.CreateObservableGauge("cachegen.redis.memory.limit", () => Observe(s => s.MaxMemory), "By", "The server's maxmemory; 0 means no limit.");
        meter.CreateObservableCounter("cachegen.redis.keys.evicted", () => Observe(s => s.EvictedKeys), "{key}", "Keys the server evicted to stay under maxmemory (evicted_keys, since the server started).");
        meter.CreateObservableGauge("cachegen.redis.operations.rate", () => Observe(s => s.OperationsPerSecond), "{operation}/s", "Commands per second the server reports (instantaneous_ops_per_sec).");
        meter.CreateObservableCounter("cachegen.redis.keyspace.hits", () => Observe(s => s.KeyspaceHits), "{lookup}", "Successful key lookups on the server (keyspace_hits), every client's.");
        meter.CreateObservableCounter("cachegen.redis.keyspace.misses", () => Observe(s => s.KeyspaceMisses), "{lookup}", "Failed key lookups on the server (keyspace_misses), every client's.");
        meter.CreateObservableCounter("cachegen.redis.slowlog.keys", ObserveKeys, "{command}", "KEYS commands this instance found in the servers' slow logs.");
    }

    /// <summary>The last sample (empty while this instance does not sample).</summary>
    public IReadOnlyList<RedisServerSignals> Latest => _latest;

    /// <summary>KEYS commands found in each server's slow log so far.</summary>
    public IReadOnlyDictionary<string, long> KeysSeen => _keysSeen;

    /// <summary>Stops reporting the servers' gauges: another instance samples now.</summary>
    public void Clear() => _latest = [];

    /// <param name="connection">An admin connection to the servers.</param>
    /// <param name="shared">Where the slow log read so far is kept for the fleet, so an instance that takes over sampling
    /// does not count the KEYS entries its predecessor counted (null when every instance samples on its own).</param>
    public async Task SampleAsync(IConnectionMultiplexer connection, (IDatabase Database, string KeyPrefix)? shared = null)
    {
        var samples = new List<RedisServerSignals>();
        var reached = false;
        foreach (var server in connection.GetServers())
        {
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            reached = true;
            var name = EndPointText.Of(server.EndPoint);
            var info = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var group in await server.InfoAsync().ConfigureAwait(false))
            {
                foreach (var pair in group)
                {
                    info[pair.Key] = pair.Value;
                }
            }

            var slowLogRead = await ReadSlowLogAsync(server, name, info.GetValueOrDefault("run_id", ""), shared).ConfigureAwait(false);
            samples.Add(new RedisServerSignals(
                name,
                Number(info, "blocked_clients"),
                Number(info, "used_memory"),
                Number(info, "maxmemory"),
                Number(info, "evicted_keys"),
                Number(info, "instantaneous_ops_per_sec"),
                Number(info, "keyspace_hits"),
                Number(info, "keyspace_misses"),
                slowLogRead));
        }

        if (!reached)
        {
            // A connection that never connects (an address it cannot reach, TLS settings code gave the application's
            // connection and a configuration string cannot carry) must not look like a quiet server.
            throw new SignalsUnavailableException("the sampling connection reached no primary of " + string.Join(", ", connection.GetEndPoints().Select(EndPointText.Of)));
        }

        _latest = samples;
    }

    /// <summary>
    /// Counts the KEYS commands logged since the last sample (on the first, those logged since this instance started),
    /// and logs each with the client that sent it. False when the server has no slow log.
    /// </summary>
    private async Task<bool> ReadSlowLogAsync(IServer server, string name, string runId, (IDatabase Database, string KeyPrefix)? shared)
    {
        RedisResult result;
        try
        {
            result = await server.ExecuteAsync("SLOWLOG", "GET", SlowLogEntries).ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
            return false; // not supported (or renamed) on this server
        }

        _keysSeen.TryAdd(name, 0);
        if (result.Resp2Type != ResultType.Array || (RedisResult[]?)result is not { } entries)
        {
            return true;
        }

        RedisKey mark = shared is { } fleet ? fleet.KeyPrefix + "signals:slowlog:" + name : default;
        // Shared: the fleet's mark (this instance may have lost and regained sampling since it last read); else its own.
        // A mark of another run of the server is void: its ids started again at 0.
        var (markRun, markId) = shared is { } at
            ? ParseMark(await at.Database.StringGetAsync(mark).ConfigureAwait(false))
            : _lastSlowLogId.GetValueOrDefault(name, ("", -1));
        var last = markRun == runId ? markId : -1;

        var newest = last;
        foreach (var entry in entries)
        {
            if ((RedisResult[]?)entry is not { Length: >= 4 } fields || (RedisResult[]?)fields[3] is not { Length: > 0 } arguments)
            {
                continue;
            }

            var id = (long)fields[0];
            newest = Math.Max(newest, id);
            if (id <= last || (last < 0 && (long)fields[1] < _startedUnixSeconds)
                || !string.Equals((string?)arguments[0], "KEYS", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            _keysSeen.AddOrUpdate(name, 1, static (_, count) => count + 1);
            var clientName = fields.Length > 5 && (string?)fields[5] is { Length: > 0 } named ? named : "(no name)";
            var clientAddress = fields.Length > 4 && (string?)fields[4] is { Length: > 0 } address ? address : "(unknown)";
            Log.KeysInSlowLog(_logger, name, (long)fields[2], clientName, clientAddress);
        }

        _lastSlowLogId[name] = (runId, newest);
        if (shared is { } store && (newest > last || markRun != runId))
        {
            await store.Database.StringSetAsync(mark, string.Concat(runId, ":", newest.ToString(CultureInfo.InvariantCulture)), TimeSpan.FromDays(1)).ConfigureAwait(false);
        }

        return true;
    }

    private static (string RunId, long Id) ParseMark(RedisValue stored)
    {
        var text = (string?)stored;
        var colon = text?.LastIndexOf(':') ?? -1;
        return colon >= 0 && long.TryParse(text.AsSpan(colon + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? (text![..colon], id)
            : ("", -1);
    }

    private static long? Number(Dictionary<string, string> info, string field) =>
        info.TryGetValue(field, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private IEnumerable<Measurement<long>> Observe(Func<RedisServerSignals, long?> field)
    {
        foreach (var sample in _latest)
        {
            if (field(sample) is { } value)
            {
                yield return new Measurement<long>(value, new KeyValuePair<string, object?>("server", sample.Server));
            }
        }
    }

    // Only while sampling (the servers of the last sample), like the gauges.
    private IEnumerable<Measurement<long>> ObserveKeys() =>
        _latest.Where(sample => sample.SlowLogRead).Select(sample => new Measurement<long>(_keysSeen.GetValueOrDefault(sample.Server), new KeyValuePair<string, object?>("server", sample.Server)));
}

/// <summary>The sampler reached no server: reported like a Redis failure (a warning, once an hour).</summary>
internal sealed class SignalsUnavailableException(string message) : Exception(message);
