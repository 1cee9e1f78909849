using System.Collections.Immutable;
using CacheGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Tests;

/// <summary>Every analyzer on code it has no business with: other attributes, params arrays, test data attributes.</summary>
public sealed class AnalyzerRobustnessTests
{
    [Fact]
    public async Task No_analyzer_throws_on_params_array_attributes_and_test_data_attributes()
    {
        const string source = """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;
            using CacheGen;

            [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
            public sealed class InlineDataAttribute(params object?[] data) : Attribute { public object?[] Data { get; } = data; }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class TagsAttribute(params string[] tags) : Attribute { }

            public interface IRepo { Task<int> GetAsync(int id); }
            public sealed class Repo : IRepo
            {
                private string? _a;
                private string? _b;

                [Cached("r:{id}")]
                public Task<int> GetAsync(int id) => Task.FromResult(id);

                [MemberNotNull(nameof(_a), nameof(_b))]
                public void Init() { _a = ""; _b = ""; }

                [InlineData(1, "two", null)]
                [InlineData(new[] { 1, 2 })]
                [Tags("x", "y")]
                [Tags]
                public void Data(object? value) { }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Robustness",
            [CSharpSyntaxTree.ParseText(source)],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var analyzers = typeof(UnknownPlaceholderAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (ex, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {ex.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();

        Assert.Empty(failures);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
