using Microsoft.CodeAnalysis;

namespace CacheGen.Generator.Tests;

/// <summary>
/// The generator over declarations it must survive: unsupported shapes, half-typed code, misuse of the attributes.
/// It must never throw (CS8785) and never add an error to the user's build.
/// </summary>
public sealed class OddDeclarationCorpusTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using CacheGen;
        namespace Odd;
        public interface IRepo { Task<int> GetAsync(int id); }
        public sealed record Item(int Id, string Name);

        """;

    public static TheoryData<string, string> Corpus => new()
    {
        { "static method", """public sealed class C { [Cached("k:{id}")] public static Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "no interface", """public sealed class C { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "private method", """public sealed class C : IRepo { public Task<int> GetAsync(int id) => Get(id); [Cached("k:{id}")] private Task<int> Get(int id) => Task.FromResult(id); }""" },
        { "generic method", """public interface IG { Task<T> GetAsync<T>(int id); } public sealed class C : IG { [Cached("k:{id}")] public Task<T> GetAsync<T>(int id) => Task.FromResult(default(T)!); }""" },
        { "sync return", """public interface IS { int Get(int id); } public sealed class C : IS { [Cached("k:{id}")] public int Get(int id) => id; }""" },
        { "void return", """public interface IS { void Get(int id); } public sealed class C : IS { [Cached("k:{id}")] public void Get(int id) { } }""" },
        { "non-generic Task", """public interface IS { Task RunAsync(int id); } public sealed class C : IS { [Cached("k:{id}")] public Task RunAsync(int id) => Task.CompletedTask; }""" },
        { "IAsyncEnumerable", """public interface IS { IAsyncEnumerable<int> AllAsync(int id); } public sealed class C : IS { [Cached("k:{id}")] public async IAsyncEnumerable<int> AllAsync(int id) { await Task.Yield(); yield return id; } }""" },
        { "ref parameter", """public interface IS { Task<int> GetAsync(ref int id); } public sealed class C : IS { [Cached("k:{id}")] public Task<int> GetAsync(ref int id) => Task.FromResult(id); }""" },
        { "out parameter on invalidation", """public interface IS { Task SaveAsync(int id, out int version); } public sealed class C : IS { [InvalidatesCache("k:{id}")] public Task SaveAsync(int id, out int version) { version = 1; return Task.CompletedTask; } }""" },
        { "in parameter", """public interface IS { Task<int> GetAsync(in int id); } public sealed class C : IS { [Cached("k:{id}")] public Task<int> GetAsync(in int id) => Task.FromResult(id); }""" },
        { "unknown placeholder", """public sealed class C : IRepo { [Cached("k:{nope}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "unknown member path", """public interface IS { Task<int> GetAsync(Item item); } public sealed class C : IS { [Cached("k:{item.Nope}")] public Task<int> GetAsync(Item item) => Task.FromResult(1); }""" },
        { "empty template", """public sealed class C : IRepo { [Cached("")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "null template", """public sealed class C : IRepo { [Cached(null!)] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "unclosed brace", """public sealed class C : IRepo { [Cached("k:{id")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "stray brace", """public sealed class C : IRepo { [Cached("k:id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "adjacent placeholders", """public interface IS { Task<int> GetAsync(int a, int b); } public sealed class C : IS { [Cached("k:{a}{b}")] public Task<int> GetAsync(int a, int b) => Task.FromResult(a); }""" },
        { "space in template", """public sealed class C : IRepo { [Cached("k: {id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "negative ttl", """public sealed class C : IRepo { [Cached("k:{id}", TtlSeconds = -1)] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "jitter too high", """public sealed class C : IRepo { [Cached("k:{id}", JitterPercent = 99)] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "negative stale", """public sealed class C : IRepo { [Cached("k:{id}", StaleSeconds = -5)] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "cancellation token in key", """public interface IS { Task<int> GetAsync(CancellationToken ct); } public sealed class C : IS { [Cached("k:{ct}")] public Task<int> GetAsync(CancellationToken ct) => Task.FromResult(1); }""" },
        { "object key", """public interface IS { Task<int> GetAsync(object o); } public sealed class C : IS { [Cached("k:{o}")] public Task<int> GetAsync(object o) => Task.FromResult(1); }""" },
        { "array key", """public interface IS { Task<int> GetAsync(int[] ids); } public sealed class C : IS { [Cached("k:{ids}")] public Task<int> GetAsync(int[] ids) => Task.FromResult(1); }""" },
        { "record key", """public interface IS { Task<int> GetAsync(Item item); } public sealed class C : IS { [Cached("k:{item}")] public Task<int> GetAsync(Item item) => Task.FromResult(1); }""" },
        { "abstract class", """public abstract class C : IRepo { [Cached("k:{id}")] public virtual Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "static class", """public static class C { [Cached("k:{id}")] public static Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "struct", """public struct S : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "record struct", """public record struct S : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "interface method", """public interface IS { [Cached("k:{id}")] Task<int> GetAsync(int id); }""" },
        { "interface default method", """public interface IS { [Cached("k:{id}")] Task<int> GetAsync(int id) => Task.FromResult(id); } public sealed class C : IS { }""" },
        { "private nested class", """public sealed class Outer { private sealed class C : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); } }""" },
        { "protected nested class", """public class Outer { protected sealed class C : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); } }""" },
        { "nested in generic", """public sealed class Outer<T> { public sealed class C : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); } }""" },
        { "generic class", """public sealed class C<T> : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "private interface", """public sealed class Outer { private interface IP { Task<int> GetAsync(int id); } public sealed class C : IP { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); } }""" },
        { "file-local class", """file sealed class C : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "static abstract interface member", """public interface IS { static abstract int Make(); Task<int> GetAsync(int id); } public sealed class C : IS { public static int Make() => 1; [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "init-only property in interface", """public interface IS { int Id { get; init; } Task<int> GetAsync(int id); } public sealed class C : IS { public int Id { get; init; } [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "ref return in interface", """public interface IS { ref int Slot(); Task<int> GetAsync(int id); } public sealed class C : IS { private int _slot; public ref int Slot() => ref _slot; [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "span parameter forwarded", """public interface IS { int Length(ReadOnlySpan<char> text); Task<int> GetAsync(int id); } public sealed class C : IS { public int Length(ReadOnlySpan<char> text) => text.Length; [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "both attributes on one method", """public sealed class C : IRepo { [Cached("k:{id}")][InvalidatesCache("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "same method implements two interfaces", """public interface IA { Task<int> GetAsync(int id); } public sealed class C : IRepo, IA { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "overloads", """public interface IS { Task<int> GetAsync(int id); Task<int> GetAsync(string name); } public sealed class C : IS { [Cached("i:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); [Cached("n:{name}")] public Task<int> GetAsync(string name) => Task.FromResult(1); }""" },
        { "deep member path through nullable", """public sealed class A { public B? B { get; set; } } public sealed class B { public DateTime? When { get; set; } } public interface IS { Task SaveAsync(A a); } public sealed class C : IS { [InvalidatesCache("k:{a.B.When}")] public Task SaveAsync(A a) => Task.CompletedTask; }""" },
        { "member path through value type", """public interface IS { Task SaveAsync(DateTime when); } public sealed class C : IS { [InvalidatesCache("k:{when.Year}:{when.Month}")] public Task SaveAsync(DateTime when) => Task.CompletedTask; }""" },
        { "member path to a field", """public sealed class F { public int Id; } public interface IS { Task SaveAsync(F f); } public sealed class C : IS { [InvalidatesCache("k:{f.Id}")] public Task SaveAsync(F f) => Task.CompletedTask; }""" },
        { "member path to private member", """public sealed class F { private int Id => 1; } public interface IS { Task SaveAsync(F f); } public sealed class C : IS { [InvalidatesCache("k:{f.Id}")] public Task SaveAsync(F f) => Task.CompletedTask; }""" },
        { "inherited member path", """public class Base { public int Id { get; set; } } public sealed class Derived : Base { } public interface IS { Task SaveAsync(Derived d); } public sealed class C : IS { [InvalidatesCache("k:{d.Id}")] public Task SaveAsync(Derived d) => Task.CompletedTask; }""" },
        { "interface-typed member path", """public interface IHasId { int Id { get; } } public interface IS { Task SaveAsync(IHasId x); } public sealed class C : IS { [InvalidatesCache("k:{x.Id}")] public Task SaveAsync(IHasId x) => Task.CompletedTask; }""" },
        { "class inherits decorated base", """public class Base : IRepo { [Cached("k:{id}")] public virtual Task<int> GetAsync(int id) => Task.FromResult(id); } public sealed class Derived : Base { public override Task<int> GetAsync(int id) => Task.FromResult(2); }""" },
        { "partial method declaration", """public sealed partial class C : IRepo { [Cached("k:{id}")] public partial Task<int> GetAsync(int id); public partial Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "attribute with named constructor arg", """public sealed class C : IRepo { [Cached(key: "k:{id}", LocalTtlSeconds = 1)] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "constant template", """public sealed class C : IRepo { private const string Key = "k:{id}"; [Cached(Key)] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "half-typed attribute", """public sealed class C : IRepo { [Cached("k:{id}" public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "missing method body", """public sealed class C : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) }""" },
        { "missing return type", """public sealed class C : IRepo { [Cached("k:{id}")] public GetAsync(int id) => Task.FromResult(id); }""" },
        { "unknown type in signature", """public interface IS { Task<Nope> GetAsync(int id); } public sealed class C : IS { [Cached("k:{id}")] public Task<Nope> GetAsync(int id) => null!; }""" },
        { "wrong attribute argument type", """public sealed class C : IRepo { [Cached(42)] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "attribute on a local function", """public sealed class C : IRepo { public Task<int> GetAsync(int id) { [Cached("k:{id}")] static Task<int> Local(int id) => Task.FromResult(id); return Local(id); } }""" },
        { "unicode names", """public interface IÜ { Task<int> GrößeAsync(int größe); } public sealed class Ü : IÜ { [Cached("größe:{größe}")] public Task<int> GrößeAsync(int größe) => Task.FromResult(größe); }""" },
        { "long parameter list", """public interface IS { Task<int> GetAsync(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j); } public sealed class C : IS { [Cached("k:{a}:{b}:{c}:{d}:{e}:{f}:{g}:{h}:{i}:{j}")] public Task<int> GetAsync(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j) => Task.FromResult(a); }""" },
        { "tuple return", """public interface IS { Task<(int A, string B)> GetAsync(int id); } public sealed class C : IS { [Cached("k:{id}")] public Task<(int A, string B)> GetAsync(int id) => Task.FromResult((1, "")); }""" },
        { "nullable value result", """public interface IS { ValueTask<int?> GetAsync(int? id); } public sealed class C : IS { [Cached("k:{id}")] public ValueTask<int?> GetAsync(int? id) => new(id); }""" },
        { "dynamic parameter forwarded", """public interface IS { void Log(dynamic d); Task<int> GetAsync(int id); } public sealed class C : IS { public void Log(dynamic d) { } [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "class named like the decorator", """public sealed class CCachedDecorator { } public sealed class C : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void The_generator_never_throws_and_never_adds_an_error(string shape, string declaration)
    {
        var source = Prelude + declaration;
        var before = GeneratorHarness.Compile([source]).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var (result, output, diagnostics) = GeneratorHarness.Run(source);

        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var added = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => !before.Contains(d.Id + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            .Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) ?? false)
            .ToList();
        Assert.True(added.Count == 0, $"{shape}: the generated code adds {string.Join("; ", added)}");
    }

    [Fact]
    public void The_corpus_has_at_least_fifty_declarations() => Assert.True(Corpus.Count >= 50, $"{Corpus.Count} declarations");

    [Fact]
    public void A_language_version_below_9_reports_CG9001_and_generates_nothing()
    {
        var (result, _, diagnostics) = GeneratorHarness.Run(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp8, """
            using System.Threading.Tasks;
            using CacheGen;
            namespace Old { public interface IRepo { Task<int> GetAsync(int id); }
            public sealed class C : IRepo { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); } }
            """);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "CG9001");
        Assert.Contains("C# 9", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Empty(result.Results.Single().GeneratedSources);
    }
}
