namespace CacheGen.Deploy.Tests.Infrastructure;

/// <summary>Paths of the files under test, from the repository root (the directory holding CacheGen.sln above the test assembly).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PrometheusDirectory => Path.Combine(Root, "deploy", "prometheus");

    public static string AlertRules => Path.Combine(PrometheusDirectory, "cachegen-alerts.yml");

    public static string AlertRuleTests => Path.Combine(PrometheusDirectory, "cachegen-alerts.test.yml");

    public static string Dashboard => Path.Combine(Root, "deploy", "grafana", "cachegen-dashboard.json");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CacheGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("CacheGen.sln not found above " + AppContext.BaseDirectory);
    }
}
