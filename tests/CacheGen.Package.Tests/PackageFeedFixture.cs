namespace CacheGen.Package.Tests;

/// <summary>
/// Packs CacheGen and CacheGen.Analyzers once, with a version of this run's own, into a temporary folder feed, and
/// writes a nuget.config that adds the feed to the machine's sources.
/// </summary>
public sealed class PackageFeedFixture : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("cachegen-package-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>A version no public feed has, so restore can only find this run's packages.</summary>
    public string Version { get; } = $"0.1.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}";

    public async Task InitializeAsync()
    {
        var repository = DotnetCli.RepositoryRoot();
        foreach (var project in new[] { "src/Runtime/CacheGen.Runtime.csproj", "src/Analyzers/CacheGen.Analyzers.Package/CacheGen.Analyzers.Package.csproj" })
        {
            var (exit, output) = await DotnetCli.RunAsync(repository, TimeSpan.FromMinutes(8), "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}");
            Assert.True(exit == 0, $"dotnet pack {project} failed:\n{output}");
        }

        await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="cachegen-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);

            // This run's version is never used again: keep the global package folder from collecting them.
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "cachegen", "cachegen.analyzers" })
            {
                var folder = Path.Combine(packages, id, Version);
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    /// <summary>Creates a consumer project folder under the feed's root (so it picks up its nuget.config).</summary>
    public string NewProject(string name, string csproj, params (string Name, string Text)[] files)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), csproj.Replace("$(CacheGenVersion)", Version, StringComparison.Ordinal));
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }

        return folder;
    }
}

/// <summary>The package tests share one feed, packed once, and run one at a time (packing twice at once would collide).</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedGroup : ICollectionFixture<PackageFeedFixture>
{
    public const string Name = "Package feed";
}
