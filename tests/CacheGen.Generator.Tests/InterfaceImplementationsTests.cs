using Microsoft.CodeAnalysis;

namespace CacheGen.Generator.Tests;

/// <summary>
/// The generator's own match of decorated methods to the interface members they implement gives what the compiler's
/// interface map gives, on shapes chosen to trip a signature match: overloads, explicit next to implicit, <c>in</c>
/// parameters, generic methods and interfaces, default members, tuples, nullability, <c>dynamic</c>, hiding.
/// </summary>
public sealed class InterfaceImplementationsTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using CacheGen;
        namespace Match;

        """;

    public static TheoryData<string, string> Shapes => new()
    {
        { "plain", """public interface I { Task<int> GetAsync(int id); string Name { get; } } public sealed class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); public string Name => ""; }""" },
        { "overloads", """public interface I { Task<int> GetAsync(int id); Task<int> GetAsync(string id); Task<int> GetAsync(int id, int page); } public sealed class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); [Cached("s:{id}")] public Task<int> GetAsync(string id) => Task.FromResult(1); public Task<int> GetAsync(int id, int page) => Task.FromResult(page); }""" },
        { "explicit beside implicit", """public interface I { Task<int> GetAsync(int id); } public sealed class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); Task<int> I.GetAsync(int id) => Task.FromResult(0); }""" },
        { "decorated explicit beside plain implicit", """public interface I { Task<int> GetAsync(int id); } public sealed class C : I { public Task<int> GetAsync(int id) => Task.FromResult(id); [Cached("k:{id}")] Task<int> I.GetAsync(int id) => Task.FromResult(0); }""" },
        { "two interfaces, one method", """public interface I { Task<int> GetAsync(int id); } public interface J { Task<int> GetAsync(int id); } public sealed class C : I, J { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "two interfaces, one explicit", """public interface I { Task<int> GetAsync(int id); } public interface J { Task<int> GetAsync(int id); } public sealed class C : I, J { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); [Cached("j:{id}")] Task<int> J.GetAsync(int id) => Task.FromResult(2); }""" },
        { "inherited interface", """public interface IBase { Task<int> GetAsync(int id); } public interface I : IBase { Task SaveAsync(int id); } public sealed class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); [InvalidatesCache("k:{id}")] public Task SaveAsync(int id) => Task.CompletedTask; }""" },
        { "generic interface, closed", """public interface I<T> { Task<T> GetAsync(int id); Task<T> FindAsync(T key); } public sealed class C : I<string> { [Cached("k:{id}")] public Task<string> GetAsync(int id) => Task.FromResult(""); [Cached("f:{key}")] public Task<string> FindAsync(string key) => Task.FromResult(key); }""" },
        { "generic interface, two closings", """public interface I<T> { Task<int> GetAsync(T id); } public sealed class C : I<int>, I<string> { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); [Cached("s:{id}")] public Task<int> GetAsync(string id) => Task.FromResult(1); }""" },
        { "generic class", """public interface I { Task<int> GetAsync(int id); } public sealed class C<T> : I where T : new() { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "generic class, open interface", """public interface I<T> { Task<T> GetAsync(int id); } public sealed class C<T> : I<T> { [Cached("k:{id}")] public Task<T> GetAsync(int id) => Task.FromResult(default(T)!); }""" },
        { "generic method", """public interface I { Task<T> GetAsync<T>(int id); } public sealed class C : I { [Cached("k:{id}")] public Task<T> GetAsync<T>(int id) => Task.FromResult(default(T)!); }""" },
        { "in parameter", """public readonly struct Key { public int Id { get; } } public interface I { Task<int> GetAsync(in Key key); } public sealed class C : I { [Cached("k:{key.Id}")] public Task<int> GetAsync(in Key key) => Task.FromResult(key.Id); }""" },
        { "ref and out parameters", """public interface I { int Get(ref int id); int Find(out int id); } public sealed class C : I { [InvalidatesCache("k")] public int Get(ref int id) => id; [InvalidatesCache("k")] public int Find(out int id) { id = 1; return 1; } }""" },
        { "ref kind differs", """public interface I { int Get(ref int id); int Get(int id); } public sealed class C : I { public int Get(ref int id) => id; [InvalidatesCache("k")] public int Get(int id) => id; }""" },
        { "default interface member", """public interface I { Task<int> GetAsync(int id) => Task.FromResult(0); Task<int> CountAsync() => Task.FromResult(0); } public sealed class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "sealed interface member", """public interface I { sealed Task<int> GetAsync(int id) => Task.FromResult(0); Task<int> CountAsync(); } public sealed class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); [Cached("c")] public Task<int> CountAsync() => Task.FromResult(1); }""" },
        { "not public", """public interface I { Task<int> GetAsync(int id); } public sealed class C : I { Task<int> I.GetAsync(int id) => GetAsync(id); [Cached("k:{id}")] internal Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "static beside instance", """public interface I { Task<int> GetAsync(int id); } public sealed class C : I { [Cached("k:{id}")] public static Task<int> GetAsync(long id) => Task.FromResult(1); [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); }""" },
        { "tuples with names", """public interface I { Task<int> GetAsync((int Year, int Month) period); } public sealed class C : I { [Cached("k:{period}")] public Task<int> GetAsync((int Year, int Month) period) => Task.FromResult(1); }""" },
        { "nullability differs", """public interface I { Task<string?> GetAsync(string? id); } public sealed class C : I { [Cached("k:{id}")] public Task<string?> GetAsync(string? id) => Task.FromResult(id); }""" },
        { "dynamic and object", """public interface I { Task<object> GetAsync(int id); } public sealed class C : I { [Cached("k:{id}")] public Task<dynamic> GetAsync(int id) => Task.FromResult<dynamic>(id); }""" },
        { "params", """public interface I { Task<int> GetAsync(params int[] ids); } public sealed class C : I { [Cached("k")] public Task<int> GetAsync(params int[] ids) => Task.FromResult(ids.Length); }""" },
        { "record", """public interface I { Task<int> GetAsync(int id); } public sealed record R(int Seed) : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id + Seed); }""" },
        { "partial over two parts", """public interface I { Task<int> GetAsync(int id); Task SaveAsync(int id); } public sealed partial class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); } public sealed partial class C { [InvalidatesCache("k:{id}")] public Task SaveAsync(int id) => Task.CompletedTask; }""" },
        { "nested", """public interface I { Task<int> GetAsync(int id); } public static class Outer { public sealed class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); } }""" },
        { "decorated method of a base class", """public interface I { Task<int> GetAsync(int id); } public class B : I { [Cached("k:{id}")] public virtual Task<int> GetAsync(int id) => Task.FromResult(id); } public sealed class C : B { public override Task<int> GetAsync(int id) => Task.FromResult(2); } public sealed class D : B, I { [Cached("d:{id}")] public new Task<int> GetAsync(int id) => Task.FromResult(3); }""" },
        { "half-typed", """public interface I { Task<int> GetAsync(int id); Task<Missing> FindAsync(Missing m); } public sealed class C : I { [Cached("k:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id); [Cached("m")] public Task<Missing> FindAsync(Missing m) => null!; }""" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_own_match_equals_the_compilers_interface_map(string shape, string source)
    {
        var compilation = GeneratorHarness.Compile([Prelude + source]);
        var classes = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>().Select(d => compilation.GetSemanticModel(t).GetDeclaredSymbol(d)))
            .OfType<INamedTypeSymbol>()
            .Where(t => t.TypeKind == TypeKind.Class && !t.AllInterfaces.IsEmpty)
            .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
            .ToList();
        Assert.NotEmpty(classes);
        foreach (var type in classes)
        {
            var own = InterfaceImplementations.Decorated(type, IsDecorated);
            var compiler = InterfaceImplementations.ByCompiler(type, IsDecorated);
            Assert.True(Render(own) == Render(compiler), $"{shape}, {type.Name}: own match\n{Render(own)}\ncompiler\n{Render(compiler)}");
        }
    }

    [Fact]
    public void The_own_match_alone_would_miss_an_implementation_inherited_from_a_base_class()
    {
        // Why a class with a base class other than object asks the compiler, and proof that the comparison above sees a
        // wrong map: C's interface member is implemented by B's decorated method, which C's own members do not show.
        var compilation = GeneratorHarness.Compile([Prelude + """public interface I { Task<int> GetAsync(int id); } public class B : I { [Cached("k:{id}")] public virtual Task<int> GetAsync(int id) => Task.FromResult(id); } public sealed class C : B { }"""]);
        var type = compilation.GetTypeByMetadataName("Match.C")!;
        Assert.Empty(InterfaceImplementations.ByOwnMethods(type, IsDecorated));
        Assert.Equal("Match.I.GetAsync(int) -> Match.B.GetAsync(int) (Ordinary)", Render(InterfaceImplementations.ByCompiler(type, IsDecorated)));
        Assert.Equal(Render(InterfaceImplementations.ByCompiler(type, IsDecorated)), Render(InterfaceImplementations.Decorated(type, IsDecorated)));
    }

    private static bool IsDecorated(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.Name is "CachedAttribute" or "InvalidatesCacheAttribute");

    private static string Render(Dictionary<ISymbol, IMethodSymbol> map) => string.Join(
        "\n",
        map.Select(p => $"{p.Key.ToDisplayString()} -> {p.Value.ToDisplayString()} ({p.Value.MethodKind})").OrderBy(s => s, StringComparer.Ordinal));
}
