using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using CacheGen.Deploy.Tests.Infrastructure;

namespace CacheGen.Deploy.Tests;

/// <summary>
/// deploy/grafana/cachegen-dashboard.json: importable (identity, variables, well-formed panels), the panels CacheGen's
/// users need, and queries that read CacheGen's metrics by their exported names and parse as PromQL (checked by promtool).
/// </summary>
public sealed partial class DashboardTests
{
    private const string DatasourceVariable = "${DS_PROMETHEUS}";

    private static readonly Lazy<JsonElement> Dashboard = new(() => JsonDocument.Parse(File.ReadAllText(Repository.Dashboard)).RootElement.Clone());

    // What Grafana puts in place of its built-in variables when it runs a query; the dashboard's own variables are
    // regular expressions in =~ matchers, and ".*" is what "All" sends.
    private static readonly Dictionary<string, string> BuiltInVariables = new(StringComparer.Ordinal)
    {
        ["__rate_interval"] = "5m",
        ["__interval"] = "1m",
        ["__range"] = "1h",
    };

    public static TheoryData<string, string> RequiredPanels() => new()
    {
        { "Hit ratio per keyspace", "cachegen_requests_total" },
        { "Hit ratio per layer (l1, redis)", "cachegen_requests_total" },
        { "Cache vs load latency (p50, p99)", "cachegen_cache_duration_seconds_bucket cachegen_load_duration_seconds_bucket" },
        { "Lease waits (p50, p99)", "cachegen_lease_wait_duration_seconds_bucket" },
        { "Lease waits abandoned", "cachegen_lease_wait_abandoned_total" },
        { "Stampede coalescing", "cachegen_stampede_coalesced_total" },
        { "Fail-open", "cachegen_failopen_total" },
        { "Invalidations published and received", "cachegen_invalidations_total" },
        { "Unacknowledged invalidations", "cachegen_invalidations_unacknowledged_total" },
        { "Queued invalidations", "cachegen_invalidations_queued_total" },
        { "Invalidation queue length", "cachegen_invalidations_queue_length" },
        { "Malformed invalidations", "cachegen_invalidations_malformed_total" },
        { "Blocked clients", "cachegen_redis_clients_blocked" },
        { "Memory used vs limit", "cachegen_redis_memory_used_bytes cachegen_redis_memory_limit_bytes" },
        { "Evicted keys", "cachegen_redis_keys_evicted_total" },
        { "Operations per second", "cachegen_redis_operations_rate_per_second" },
        { "Server keyspace hits and misses", "cachegen_redis_keyspace_hits_total cachegen_redis_keyspace_misses_total" },
        { "KEYS in the slow log", "cachegen_redis_slowlog_keys_total" },
        { "CDN purges", "cachegen_cdn_purges_total" },
    };

    [Fact]
    public void The_dashboard_has_a_stable_uid_a_title_and_a_current_schema_version()
    {
        var dashboard = Dashboard.Value;

        Assert.Equal("cachegen-overview", dashboard.GetProperty("uid").GetString());
        Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("title").GetString()));
        Assert.InRange(dashboard.GetProperty("schemaVersion").GetInt32(), 36, 41);
        Assert.False(dashboard.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null, "an exported dashboard carries no database id");
    }

    [Fact]
    public void The_dashboard_has_a_Prometheus_datasource_variable_and_keyspace_and_instance_filters()
    {
        var variables = Variables().ToDictionary(v => v.GetProperty("name").GetString()!, StringComparer.Ordinal);

        var datasource = variables["DS_PROMETHEUS"];
        Assert.Equal("datasource", datasource.GetProperty("type").GetString());
        Assert.Equal("prometheus", datasource.GetProperty("query").GetString());

        foreach (var (name, label) in new[] { ("keyspace", "keyspace"), ("instance", "instance"), ("job", "job") })
        {
            Assert.True(variables.TryGetValue(name, out var variable), $"no '{name}' variable");
            Assert.Equal("query", variable.GetProperty("type").GetString());
            Assert.Equal(DatasourceVariable, variable.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.Matches(@"^label_values\(.+,\s*" + label + @"\)$", VariableQuery(variable));
        }
    }

    [Fact]
    public void Every_panel_has_a_unique_id_a_position_and_queries_on_the_datasource_variable()
    {
        var ids = new HashSet<int>();
        var panels = Panels().ToList();
        Assert.NotEmpty(panels);
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.True(ids.Add(panel.GetProperty("id").GetInt32()), $"panel id {panel.GetProperty("id")} ({title}) is used twice");
            var grid = panel.GetProperty("gridPos");
            var (x, w) = (grid.GetProperty("x").GetInt32(), grid.GetProperty("w").GetInt32());
            Assert.True(grid.GetProperty("h").GetInt32() > 0 && w > 0 && x >= 0 && x + w <= 24 && grid.GetProperty("y").GetInt32() >= 0, $"{title}: gridPos {grid}");
            if (panel.GetProperty("type").GetString() == "row")
            {
                continue;
            }

            Assert.Equal(DatasourceVariable, panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"{title} has no query");
            Assert.Equal(targets.Count, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
            foreach (var target in targets)
            {
                Assert.False(string.IsNullOrWhiteSpace(target.GetProperty("expr").GetString()), $"{title}: a query with no expr");
                if (target.TryGetProperty("datasource", out var targetDatasource))
                {
                    Assert.Equal(DatasourceVariable, targetDatasource.GetProperty("uid").GetString());
                }
            }
        }
    }

    [Fact]
    public void Panels_do_not_overlap()
    {
        var taken = new Dictionary<(int X, int Y), string>();
        foreach (var panel in Panels())
        {
            var grid = panel.GetProperty("gridPos");
            var title = panel.GetProperty("title").GetString()!;
            for (var x = grid.GetProperty("x").GetInt32(); x < grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(); x++)
            {
                for (var y = grid.GetProperty("y").GetInt32(); y < grid.GetProperty("y").GetInt32() + grid.GetProperty("h").GetInt32(); y++)
                {
                    Assert.True(taken.TryAdd((x, y), title), $"'{title}' overlaps '{taken.GetValueOrDefault((x, y))}' at {x},{y}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RequiredPanels))]
    public void The_dashboard_has_the_panel(string title, string metrics)
    {
        var panel = Panels().SingleOrDefault(p => p.GetProperty("title").GetString() == title);
        Assert.True(panel.ValueKind == JsonValueKind.Object, $"no panel titled '{title}'");

        var read = panel.GetProperty("targets").EnumerateArray().SelectMany(t => PromQl.MetricNames(t.GetProperty("expr").GetString()!)).ToHashSet(StringComparer.Ordinal);
        foreach (var metric in metrics.Split(' '))
        {
            Assert.Contains(metric, read);
        }
    }

    [Fact]
    public void Every_query_reads_only_metrics_CacheGen_exports()
    {
        var unknown = Queries()
            .SelectMany(q => PromQl.MetricNames(q.Expr).Select(name => (q.Where, Name: name)))
            .Where(x => !PromQl.IsDocumented(x.Name))
            .Select(x => $"{x.Where}: {x.Name}")
            .ToList();

        Assert.True(unknown.Count == 0, "not a CacheGen metric: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_query_uses_only_defined_variables()
    {
        var defined = Variables().Select(v => v.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        var undefined = Queries()
            .SelectMany(q => VariableReference().Matches(q.Expr).Select(m => (q.Where, Name: m.Groups["name"].Value)))
            .Where(x => !defined.Contains(x.Name) && !BuiltInVariables.ContainsKey(x.Name))
            .Select(x => $"{x.Where}: ${x.Name}")
            .ToList();

        Assert.True(undefined.Count == 0, "undefined variables: " + string.Join(", ", undefined));
    }

    [Fact]
    public async Task Every_query_is_PromQL_that_promtool_accepts()
    {
        // Each query, its variables replaced by what Grafana sends, as a recording rule: `promtool check rules` parses
        // every expression and names the rule of any that does not parse.
        var queries = Queries().ToList();
        var rules = new StringBuilder("groups:\n  - name: cachegen-dashboard-queries\n    rules:\n");
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        for (var i = 0; i < queries.Count; i++)
        {
            rules.Append("      # ").Append(queries[i].Where.Replace('\n', ' ')).Append('\n');
            rules.Append("      - record: dashboard:query_").Append(i).Append('\n');
            rules.Append("        expr: ").Append(JsonSerializer.Serialize(Substitute(queries[i].Expr), options)).Append('\n');
        }

        var directory = Directory.CreateTempSubdirectory("cachegen-dashboard-");
        try
        {
            var file = Path.Combine(directory.FullName, "dashboard-queries.yml");
            await File.WriteAllTextAsync(file, rules.ToString());

            var result = await Promtool.RunAsync(directory.FullName, "check", "rules", "dashboard-queries.yml");

            Assert.True(result.ExitCode == 0, $"{result}\n{rules}");
            Assert.Contains($"SUCCESS: {queries.Count} rules found", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Substitute(string expr) =>
        VariableReference().Replace(expr, m => BuiltInVariables.GetValueOrDefault(m.Groups["name"].Value, ".*"));

    private static List<JsonElement> Variables() =>
        [.. Dashboard.Value.GetProperty("templating").GetProperty("list").EnumerateArray()];

    private static string VariableQuery(JsonElement variable)
    {
        var query = variable.GetProperty("query");
        return query.ValueKind == JsonValueKind.String ? query.GetString()! : query.GetProperty("query").GetString()!;
    }

    /// <summary>Every panel, with those inside collapsed rows.</summary>
    private static IEnumerable<JsonElement> Panels()
    {
        foreach (var panel in Dashboard.Value.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in nested.EnumerateArray())
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Every PromQL expression of the dashboard: panel queries, and the series selectors of label_values variables.</summary>
    private static IEnumerable<(string Where, string Expr)> Queries()
    {
        foreach (var panel in Panels().Where(p => p.TryGetProperty("targets", out _)))
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                yield return ($"panel '{panel.GetProperty("title").GetString()}' query {target.GetProperty("refId").GetString()}", target.GetProperty("expr").GetString()!);
            }
        }

        foreach (var variable in Variables().Where(v => v.GetProperty("type").GetString() == "query"))
        {
            var match = LabelValues().Match(VariableQuery(variable));
            Assert.True(match.Success, $"variable {variable.GetProperty("name").GetString()}: not label_values(<series>, <label>)");
            yield return ($"variable {variable.GetProperty("name").GetString()}", match.Groups["series"].Value);
        }
    }

    [GeneratedRegex(@"\$(?:\{(?<name>\w+)(?::\w+)?\}|(?<name>\w+))")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^label_values\((?<series>.+),\s*\w+\)$")]
    private static partial Regex LabelValues();
}
