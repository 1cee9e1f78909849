using CacheGen.Deploy.Tests.Infrastructure;

namespace CacheGen.Deploy.Tests;

/// <summary>
/// deploy/prometheus/cachegen-alerts.yml: promtool accepts it, its unit tests (cachegen-alerts.test.yml) pass, and every
/// alert has a unit test where it fires and one where it must not.
/// </summary>
public sealed class AlertRuleTests
{
    private sealed record Rule(string? Alert, string? Record, string Expr, IReadOnlyDictionary<string, object?> Labels, IReadOnlyDictionary<string, object?> Annotations);

    private sealed record AlertTestCase(string AlertName, string EvalTime, IReadOnlyList<object?> ExpectedAlerts);

    private static readonly Lazy<IReadOnlyList<Rule>> Rules = new(LoadRules);

    private static readonly Lazy<IReadOnlyList<AlertTestCase>> TestCases = new(LoadTestCases);

    private static readonly string[] Severities = ["critical", "warning", "info"];

    // User-facing text speaks of the system, not of how it was built.
    private static readonly string[] WordsNotForOnCall = ["issue", "session", "article", "benchmark"];

    public static TheoryData<string> AlertNames()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Rules.Value.Where(r => r.Alert is not null))
        {
            data.Add(rule.Alert!);
        }

        return data;
    }

    [Fact]
    public async Task The_rules_pass_promtool_check_rules()
    {
        var result = await Promtool.RunAsync(Repository.PrometheusDirectory, "check", "rules", "cachegen-alerts.yml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_unit_tests_pass_promtool_test_rules()
    {
        var result = await Promtool.RunAsync(Repository.PrometheusDirectory, "test", "rules", "cachegen-alerts.test.yml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Each_alert_fires_in_a_unit_test_with_its_severity(string alert)
    {
        var rule = Rules.Value.Single(r => r.Alert == alert);
        var firing = TestCases.Value.Where(t => t.AlertName == alert && t.ExpectedAlerts.Count > 0).ToList();

        Assert.True(firing.Count > 0, $"no alert_rule_test in cachegen-alerts.test.yml expects {alert} to fire");
        foreach (var expected in firing.SelectMany(t => t.ExpectedAlerts))
        {
            Assert.Equal(rule.Labels["severity"] as string, MiniYaml.Get(MiniYaml.Get(expected, "exp_labels"), "severity") as string);
            var annotations = MiniYaml.Get(expected, "exp_annotations");
            Assert.False(string.IsNullOrWhiteSpace(MiniYaml.Get(annotations, "summary") as string), $"{alert}: a firing case without the expected summary");
            Assert.False(string.IsNullOrWhiteSpace(MiniYaml.Get(annotations, "description") as string), $"{alert}: a firing case without the expected description");
        }
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Each_alert_has_a_near_miss_in_a_unit_test(string alert)
    {
        Assert.True(
            TestCases.Value.Any(t => t.AlertName == alert && t.ExpectedAlerts.Count == 0),
            $"no alert_rule_test in cachegen-alerts.test.yml expects {alert} not to fire (exp_alerts: [])");
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Each_alert_has_a_severity_a_summary_and_a_description(string alert)
    {
        var rule = Rules.Value.Single(r => r.Alert == alert);

        Assert.Contains(rule.Labels.GetValueOrDefault("severity") as string, Severities);
        foreach (var annotation in new[] { "summary", "description" })
        {
            var text = rule.Annotations.GetValueOrDefault(annotation) as string;
            Assert.False(string.IsNullOrWhiteSpace(text), $"{alert} has no {annotation}");
            foreach (var word in WordsNotForOnCall)
            {
                Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.True(((string)rule.Annotations["description"]!).Length >= 100, $"{alert}: the description should say what it means and what to do first");
    }

    [Fact]
    public void Every_unit_test_names_an_alert_of_the_rules_file()
    {
        var alerts = Rules.Value.Where(r => r.Alert is not null).Select(r => r.Alert!).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(TestCases.Value);
        Assert.All(TestCases.Value, t => Assert.True(alerts.Contains(t.AlertName), $"alert_rule_test at {t.EvalTime} names {t.AlertName}, which cachegen-alerts.yml does not define"));
    }

    [Fact]
    public void The_rules_read_only_metrics_CacheGen_exports_or_records()
    {
        var recorded = Rules.Value.Where(r => r.Record is not null).Select(r => r.Record!).ToHashSet(StringComparer.Ordinal);
        var unknown = Rules.Value
            .SelectMany(r => PromQl.MetricNames(r.Expr).Select(name => (Rule: r.Alert ?? r.Record, Name: name)))
            .Where(x => !PromQl.IsDocumented(x.Name) && !recorded.Contains(x.Name))
            .Select(x => $"{x.Rule}: {x.Name}")
            .ToList();

        Assert.True(unknown.Count == 0, "not a CacheGen metric: " + string.Join(", ", unknown));
        Assert.Contains(Rules.Value, r => r.Alert is not null);
    }

    private static List<Rule> LoadRules() =>
        MiniYaml.Items(MiniYaml.Parse(File.ReadAllText(Repository.AlertRules)), "groups", "rules")
            .Select(rule => new Rule(
                MiniYaml.Get(rule, "alert") as string,
                MiniYaml.Get(rule, "record") as string,
                MiniYaml.Get(rule, "expr") as string ?? throw new InvalidDataException("a rule without expr"),
                MiniYaml.Get(rule, "labels") as Dictionary<string, object?> ?? [],
                MiniYaml.Get(rule, "annotations") as Dictionary<string, object?> ?? []))
            .ToList();

    private static List<AlertTestCase> LoadTestCases() =>
        MiniYaml.Items(MiniYaml.Parse(File.ReadAllText(Repository.AlertRuleTests)), "tests", "alert_rule_test")
            .Select(test => new AlertTestCase(
                MiniYaml.Get(test, "alertname") as string ?? throw new InvalidDataException("an alert_rule_test without alertname"),
                MiniYaml.Get(test, "eval_time") as string ?? "",
                MiniYaml.List(MiniYaml.Get(test, "exp_alerts"))))
            .ToList();
}
