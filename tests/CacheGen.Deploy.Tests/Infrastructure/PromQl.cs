using System.Text.RegularExpressions;

namespace CacheGen.Deploy.Tests.Infrastructure;

/// <summary>The metric names CacheGen exports (as the OpenTelemetry Prometheus exporter writes them) and the names a PromQL expression reads.</summary>
public static partial class PromQl
{
    /// <summary>Counters and gauges, by their exported name.</summary>
    public static readonly IReadOnlySet<string> Metrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "cachegen_requests_total",
        "cachegen_stampede_coalesced_total",
        "cachegen_invalidations_total",
        "cachegen_failopen_total",
        "cachegen_errors_total",
        "cachegen_lease_wait_abandoned_total",
        "cachegen_invalidations_malformed_total",
        "cachegen_invalidations_unacknowledged_total",
        "cachegen_invalidations_queued_total",
        "cachegen_serialization_errors_total",
        "cachegen_cdn_purges_total",
        "cachegen_invalidations_queue_length",
        "cachegen_keyspace_critical",
        "cachegen_redis_clients_blocked",
        "cachegen_redis_memory_used_bytes",
        "cachegen_redis_memory_limit_bytes",
        "cachegen_redis_keys_evicted_total",
        "cachegen_redis_operations_rate_per_second",
        "cachegen_redis_keyspace_hits_total",
        "cachegen_redis_keyspace_misses_total",
        "cachegen_redis_slowlog_keys_total",
    };

    /// <summary>Histograms: each is read as its _bucket, _sum and _count series.</summary>
    public static readonly IReadOnlySet<string> Histograms = new HashSet<string>(StringComparer.Ordinal)
    {
        "cachegen_cache_duration_seconds",
        "cachegen_load_duration_seconds",
        "cachegen_lease_wait_duration_seconds",
    };

    public static bool IsDocumented(string name) =>
        Metrics.Contains(name)
        || Histograms.Any(h => name == h + "_bucket" || name == h + "_sum" || name == h + "_count");

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "inf", "nan",
    };

    /// <summary>
    /// The metric names an expression selects: identifiers outside strings, label matchers, ranges and label lists
    /// (by, without, on, ignoring, group_left/right) that are neither keywords nor called as functions.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = QuotedString().Replace(expression, "\"\"");
        text = LabelMatchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = LabelLists().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            var name = match.Groups["name"].Value;
            if (!match.Groups["call"].Success && !Keywords.Contains(name.ToLowerInvariant()))
            {
                names.Add(name);
            }
        }

        return names;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex LabelLists();

    [GeneratedRegex(@"(?<![\w.:])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
