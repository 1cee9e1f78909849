using System.IO.Compression;
using Xunit.Abstractions;

namespace CacheGen.Package.Tests;

[Collection(PackageFeedGroup.Name)]
public sealed class PackageTests(PackageFeedFixture feed, ITestOutputHelper output)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public void The_packages_put_each_assembly_where_NuGet_expects_it()
    {
        using var cacheGen = ZipFile.OpenRead(Path.Combine(feed.Feed, $"CacheGen.{feed.Version}.nupkg"));
        var entries = cacheGen.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net8.0/CacheGen.dll", entries);
        Assert.Contains("lib/net8.0/CacheGen.xml", entries);
        Assert.Contains("lib/net10.0/CacheGen.dll", entries);
        Assert.Contains("lib/net10.0/CacheGen.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/CacheGen.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/CacheGen.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/CacheGen.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("build/CacheGen.props", entries); // lets the analyzers see IsTestProject
        Assert.Contains("buildTransitive/CacheGen.props", entries);
        Assert.Contains("README.md", entries);
        Assert.True(File.Exists(Path.Combine(feed.Feed, $"CacheGen.{feed.Version}.snupkg")), "symbols package");

        using var analyzers = ZipFile.OpenRead(Path.Combine(feed.Feed, $"CacheGen.Analyzers.{feed.Version}.nupkg"));
        var analyzerEntries = analyzers.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("analyzers/dotnet/cs/CacheGen.Analyzers.dll", analyzerEntries);
        Assert.Contains("analyzers/dotnet/cs/CacheGen.Analyzers.CodeFixes.dll", analyzerEntries);
        Assert.DoesNotContain(analyzerEntries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.Contains("Generator", StringComparison.Ordinal));
        using var nuspec = new StreamReader(analyzers.GetEntry("CacheGen.Analyzers.nuspec")!.Open());
        Assert.Contains("<developmentDependency>true</developmentDependency>", nuspec.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_target_depends_on_its_own_release_line_and_nothing_unused()
    {
        using var cacheGen = ZipFile.OpenRead(Path.Combine(feed.Feed, $"CacheGen.{feed.Version}.nupkg"));
        var nuspec = System.Xml.Linq.XDocument.Load(cacheGen.GetEntry("CacheGen.nuspec")!.Open());
        var ns = nuspec.Root!.Name.Namespace;
        var groups = nuspec.Descendants(ns + "group").ToDictionary(
            g => (string)g.Attribute("targetFramework")!,
            g => g.Elements(ns + "dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!));

        // A .NET 8 app is lifted no further than StackExchange.Redis 3.x lifts it (Logging.Abstractions 10.0.13, and
        // DependencyInjection.Abstractions with it); the other extension packages stay on 8.0.
        var net8 = groups["net8.0"];
        foreach (var (id, version) in net8.Where(d => d.Key.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
        {
            var floor = id is "Microsoft.Extensions.Logging.Abstractions" or "Microsoft.Extensions.DependencyInjection.Abstractions" ? "10.0.13" : "8.0.";
            Assert.True(version.StartsWith(floor, StringComparison.Ordinal), $"net8.0 depends on {id} {version}, expected {floor}");
        }

        Assert.All(groups["net10.0"].Where(d => d.Key.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)), d => Assert.StartsWith("10.0.", d.Value, StringComparison.Ordinal));
        Assert.All(groups.Values, g => Assert.DoesNotContain("System.IO.Hashing", g.Keys));

        // Icon and release notes, in both packages.
        Assert.Equal("icon.png", nuspec.Descendants(ns + "icon").Single().Value);
        Assert.NotNull(cacheGen.GetEntry("icon.png"));
        Assert.Contains("0.1.0", nuspec.Descendants(ns + "releaseNotes").Single().Value, StringComparison.Ordinal);
        using var analyzers = ZipFile.OpenRead(Path.Combine(feed.Feed, $"CacheGen.Analyzers.{feed.Version}.nupkg"));
        Assert.NotNull(analyzers.GetEntry("icon.png"));
    }

    [Fact]
    public async Task A_consumer_of_the_CacheGen_package_gets_a_working_decorator_and_the_analyzers()
    {
        var project = feed.NewProject("Consumer", ConsumerProject, ("Program.cs", ConsumerProgram));
        var (buildExit, build) = await DotnetCli.RunAsync(project, BuildTimeout, "build", "-c", "Release");
        output.WriteLine(build);
        Assert.True(buildExit == 0, "the consumer must build (warnings as errors, CG1001 expected)");
        Assert.Contains("warning CG1001", build, StringComparison.Ordinal);

        var (runExit, run) = await DotnetCli.RunAsync(project, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build");
        output.WriteLine(run);
        Assert.True(runExit == 0, "the consumer must run");
        Assert.Contains("decorator: ok", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CacheGen_Analyzers_alone_works_in_a_project_without_the_runtime()
    {
        var project = feed.NewProject("AnalyzersOnly", AnalyzersOnlyProject, ("Cleaner.cs", AnalyzersOnlyCode));
        var (exit, build) = await DotnetCli.RunAsync(project, BuildTimeout, "build", "-c", "Release");
        output.WriteLine(build);
        Assert.True(exit == 0, "the project must build");
        Assert.Contains("warning CG1001", build, StringComparison.Ordinal);
        Assert.Contains("warning CG1002", build, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project, "bin", "Release", "net10.0", "CacheGen.dll")), "the analyzers package brings no runtime");
    }

    private const string ConsumerProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <WarningsNotAsErrors>CG1001;NU1603</WarningsNotAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="CacheGen" Version="[$(CacheGenVersion)]" />
            <PackageReference Include="Microsoft.Garnet" Version="2.2.8" />
            <PackageReference Include="KeraLua" Version="1.4.10" />
            <PackageReference Include="Microsoft.IdentityModel.Protocols.OpenIdConnect" Version="8.19.2" />
            <PackageReference Include="Microsoft.IdentityModel.Validators" Version="8.19.2" />
            <PackageReference Include="System.IdentityModel.Tokens.Jwt" Version="8.19.2" />
            <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
          </ItemGroup>
        </Project>
        """;

    private const string ConsumerProgram = """
        using System.Net;
        using System.Net.Sockets;
        using CacheGen;
        using Garnet;
        using Microsoft.Extensions.DependencyInjection;
        using StackExchange.Redis;

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(), "--lua", "--lua-transaction-mode", "true", "--logger-level", "Warning"]);
        server.Start();

        await using var provider = new ServiceCollection()
            .AddCacheGen(o => o.Redis = $"127.0.0.1:{port}")
            .AddCached<IPrices, Prices>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        var prices = provider.GetRequiredService<IPrices>();
        var inner = provider.GetRequiredService<Prices>();
        if (!await provider.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30)))
        {
            Console.WriteLine("decorator: FAILED (Redis not ready)");
            return 1;
        }

        var first = await prices.GetAsync(7);
        var second = await prices.GetAsync(7);
        await prices.SetAsync(7, 99m);
        var third = await prices.GetAsync(7);
        if (prices.GetType().Name != "PricesCachedDecorator" || first != 10m || second != 10m || third != 99m || inner.Loads != 2)
        {
            Console.WriteLine($"decorator: FAILED ({prices.GetType().Name}, {first}, {second}, {third}, loads {inner.Loads})");
            return 1;
        }

        Console.WriteLine("decorator: ok");
        return 0;

        public interface IPrices
        {
            Task<decimal> GetAsync(int id, CancellationToken ct = default);
            Task SetAsync(int id, decimal price, CancellationToken ct = default);
        }

        public sealed class Prices : IPrices
        {
            private readonly Dictionary<int, decimal> _prices = new() { [7] = 10m };

            public int Loads { get; private set; }

            [Cached("price:{id}", TtlSeconds = 60)]
            public Task<decimal> GetAsync(int id, CancellationToken ct)
            {
                Loads++;
                return Task.FromResult(_prices[id]);
            }

            [InvalidatesCache("price:{id}")]
            public Task SetAsync(int id, decimal price, CancellationToken ct)
            {
                _prices[id] = price;
                return Task.CompletedTask;
            }
        }

        public static class Maintenance
        {
            // Deliberate: the build must report CG1001 here.
            public static RedisResult ListEverything(IDatabase db) => db.Execute("KEYS", "*");
        }
        """;

    private const string AnalyzersOnlyProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <WarningsNotAsErrors>CG1001;CG1002</WarningsNotAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="CacheGen.Analyzers" Version="[$(CacheGenVersion)]" />
            <PackageReference Include="StackExchange.Redis" Version="3.4.35" />
            <PackageReference Include="System.IO.Hashing" Version="10.0.15" />
          </ItemGroup>
        </Project>
        """;

    private const string AnalyzersOnlyCode = """
        using System.Collections.Generic;
        using StackExchange.Redis;

        namespace AnalyzersOnly;

        public sealed class Cleaner(IDatabase db, IServer server)
        {
            public RedisResult All() => db.Execute("KEYS", "user:*");

            public IEnumerable<RedisKey> Scan() => server.Keys(pattern: "user:*");
        }
        """;
}
