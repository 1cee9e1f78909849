using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CacheGen.Generator.Tests;

/// <summary>The pipeline stays cached across edits that do not change what it generates.</summary>
public sealed class CacheabilityTests
{
    private const string Repository = """
        using System.Threading;
        using System.Threading.Tasks;
        using CacheGen;
        namespace Shop;
        public interface IReports { Task<int> RevenueAsync(int year, int month, CancellationToken ct); Task RecordAsync(int year, int month); }
        public sealed class Reports : IReports
        {
            [Cached("revenue:{year}:{month}")]
            public Task<int> RevenueAsync(int year, int month, CancellationToken ct)
            {
                return Task.FromResult(year + month);
            }

            [InvalidatesCache("revenue:{year}:{month}")]
            public Task RecordAsync(int year, int month) => Task.CompletedTask;
        }
        """;

    private const string Unrelated = """
        namespace Shop;
        public static class Helpers { public static int Twice(int x) => x * 2; }
        """;

    [Fact]
    public void An_unrelated_file_edited_regenerates_nothing()
    {
        var (first, second) = RunTwice(c => Replace(c, 1, Unrelated + "\npublic static class More { }"));
        AssertModelAndOutput(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(Text(first), Text(second));
    }

    [Fact]
    public void An_unrelated_file_added_regenerates_nothing()
    {
        var (_, second) = RunTwice(c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shop; public sealed class Added { }", GeneratorHarness.ParseOptions(), path: "Added.cs")));
        AssertModelAndOutput(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void A_decorated_methods_body_edited_leaves_the_output_unchanged()
    {
        var (first, second) = RunTwice(c => Replace(c, 0, Repository.Replace("return Task.FromResult(year + month);", "var sum = year + month;\n        return Task.FromResult(sum * 1);", StringComparison.Ordinal)));
        AssertModelAndOutput(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(Text(first), Text(second));
    }

    [Fact]
    public void A_changed_template_modifies_the_output()
    {
        var (first, second) = RunTwice(c => Replace(c, 0, Repository.Replace("[Cached(\"revenue:{year}:{month}\")]", "[Cached(\"revenue:v2:{year}:{month}\")]", StringComparison.Ordinal)));
        var outputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(Text(first), Text(second));
        Assert.Contains("revenue:v2:{year}:{month}", Text(second), StringComparison.Ordinal);
    }

    private const string GenericInventory = """
        using System.Threading.Tasks;
        using CacheGen;
        namespace Shop;
        public interface IInventory { Task<int> CountAsync(int warehouse); }
        public sealed class Inventory<TDb> : IInventory
        {
            [Cached("stock:{warehouse}")] public Task<int> CountAsync(int warehouse) => Task.FromResult(warehouse);
        }
        public sealed class ShopDb { }
        public sealed class ArchiveDb { }
        """;

    private const string Startup = """
        using CacheGen;
        using Microsoft.Extensions.DependencyInjection;
        namespace Shop;
        public static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddCached<IInventory, Inventory<ShopDb>>();
        }
        """;

    [Fact]
    public void An_unrelated_edit_searches_no_file_again_for_registrations_of_closed_generic_classes()
    {
        var (first, second) = RunTwice(c => Replace(c, 1, Unrelated + "\npublic static class More { }"), [GenericInventory, Unrelated, Startup]);
        Assert.Contains("Inventory<global::Shop.ShopDb>", Text(first), StringComparison.Ordinal);

        // The file that mentions AddCached is not searched again: its entry is reused as it was.
        var files = second.TrackedSteps[TrackingNames.RegistrationFiles].SelectMany(s => s.Outputs).ToList();
        Assert.Equal("File2.cs", Assert.Single(files).Value is SyntaxTree tree ? tree.FilePath : null);
        Assert.Equal(IncrementalStepRunReason.Cached, files[0].Reason);

        var registrations = second.TrackedSteps[TrackingNames.ClosedGenericRegistrations].SelectMany(s => s.Outputs).ToList();
        Assert.All(registrations, o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        var outputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.All(outputs, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Equal(Text(first), Text(second));
    }

    [Fact]
    public void A_registration_of_another_closed_form_modifies_the_output()
    {
        var (first, second) = RunTwice(
            c => Replace(c, 2, Startup.Replace("=> services.AddCached<IInventory, Inventory<ShopDb>>();", "{ services.AddCached<IInventory, Inventory<ShopDb>>(); services.AddCached<IInventory, Inventory<ArchiveDb>>(); }", StringComparison.Ordinal)),
            [GenericInventory, Unrelated, Startup]);
        Assert.DoesNotContain("Inventory<global::Shop.ArchiveDb>", Text(first), StringComparison.Ordinal);
        Assert.Contains("Inventory<global::Shop.ArchiveDb>", Text(second), StringComparison.Ordinal);
        var registrations = second.TrackedSteps[TrackingNames.ClosedGenericRegistrations].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(registrations, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void A_registration_in_a_new_file_is_found()
    {
        var (first, second) = RunTwice(
            c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Startup.Replace("Startup", "MoreStartup", StringComparison.Ordinal).Replace("ShopDb", "ArchiveDb", StringComparison.Ordinal), GeneratorHarness.ParseOptions(), path: "MoreStartup.cs")),
            [GenericInventory, Unrelated, Startup]);
        Assert.DoesNotContain("Inventory<global::Shop.ArchiveDb>", Text(first), StringComparison.Ordinal);
        Assert.Contains("Inventory<global::Shop.ArchiveDb>", Text(second), StringComparison.Ordinal);
        Assert.Contains("Inventory<global::Shop.ShopDb>", Text(second), StringComparison.Ordinal);
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(Func<Compilation, Compilation> edit, string[]? sources = null)
    {
        var compilation = GeneratorHarness.Compile(sources ?? [Repository, Unrelated]);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        driver = driver.RunGenerators(edit(compilation));
        return (first, driver.GetRunResult().Results.Single());
    }

    private static Compilation Replace(Compilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions(), path: old.FilePath));
    }

    private static void AssertModelAndOutput(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var model = result.TrackedSteps[TrackingNames.Decorators].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(model);
        Assert.All(model, o => Assert.Contains(o.Reason, allowed));
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }

    private static string Text(GeneratorRunResult result) => string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));
}
