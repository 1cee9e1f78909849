using System.Collections;
using System.Reflection;
using CacheGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CacheGen.Generator.Tests;

public sealed class ModelHygieneTests
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using CacheGen;
        namespace Shop;
        public sealed class Product { public int Id { get; set; } }
        public interface IStore { Task<string> GetAsync(int id, Guid tenant, CancellationToken ct); Task SaveAsync(Product product); string Name { get; } event EventHandler? Changed; }
        public sealed class Store : IStore
        {
            [Cached("p:{id}:{tenant}", LocalTtlSeconds = 5)] public Task<string> GetAsync(int id, Guid tenant, CancellationToken ct) => Task.FromResult("");
            [InvalidatesCache("p:{product.Id}")] public Task SaveAsync(Product product) => Task.CompletedTask;
            public string Name => "";
            public event EventHandler? Changed;
        }
        """;

    [Fact]
    public void The_model_holds_no_symbol_syntax_location_or_compilation()
    {
        var specs = Models(Source);
        Assert.NotEmpty(specs);
        foreach (var spec in specs)
        {
            Walk(spec, "DecoratorSpec", new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    [Fact]
    public void Parsing_the_same_source_twice_gives_equal_models()
    {
        var first = Models(Source);
        var second = Models(Source);
        Assert.Equal(first, second);
        Assert.Equal(first.Select(s => s.GetHashCode()), second.Select(s => s.GetHashCode()));
    }

    private static List<DecoratorSpec> Models(string source)
    {
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(GeneratorHarness.Compile([source]));
        return driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Decorators]
            .SelectMany(s => s.Outputs).Select(o => (DecoratorSpec)o.Value).ToList();
    }

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Location or Compilation or SemanticModel or SyntaxToken,
            $"{path} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", seen);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
