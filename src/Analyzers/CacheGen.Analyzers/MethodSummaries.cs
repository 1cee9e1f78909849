using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers;

/// <summary>
/// What methods of this compilation do, seen through their bodies: real code writes the database in a repository
/// method in another file, and deletes a cache key through a thin wrapper. A fact holds for a method whose body (or,
/// for an interface or abstract method, an implementation's body in this compilation) performs it directly or through
/// a call that does, up to <see cref="Depth"/> calls deep. Computed on demand, once per method and fact, per compilation,
/// and shared by every rule that asks (<see cref="For"/>).
/// </summary>
/// <remarks>
/// Binding a body is the expensive part. A <see cref="Fact"/> names the calls that can perform it directly, so a body
/// is bound only when its text calls one of those names, or a method of this compilation whose text may (to the same
/// depth): most methods are dismissed from their syntax alone.
/// </remarks>
internal sealed class MethodSummaries
{
    public const int Depth = 2;

    private static readonly ConditionalWeakTable<Compilation, MethodSummaries> Shared = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<(ISymbol Method, string Fact, int Depth), Answer> _descriptions = new(KeyComparer.Instance);
    private readonly ConcurrentDictionary<(string Fact, string Name, int Depth), bool> _namesThatMay = new();
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private Dictionary<string, List<SyntaxNode>>? _declarationsByName;

    private MethodSummaries(Compilation compilation) => _compilation = compilation;

    /// <summary>The summaries of one compilation, shared by every rule that asks.</summary>
    public static MethodSummaries For(Compilation compilation) => Shared.GetValue(compilation, c => new MethodSummaries(c));

    /// <summary>
    /// Whether a call of <paramref name="method"/> performs <paramref name="fact"/>, which <paramref name="direct"/>
    /// recognises on a single invocation: in the method's body (or an implementation's), directly or through a call.
    /// </summary>
    public bool Performs(IMethodSymbol method, Fact fact, Func<IInvocationOperation, bool> direct, CancellationToken cancellationToken) =>
        Describe(method, fact, (body, deeper) => body.Descendants().OfType<IInvocationOperation>().Any(invocation => direct(invocation) || deeper(invocation.TargetMethod) is not null) ? fact.Name : null, cancellationToken) is not null;

    /// <summary>
    /// A description of what a call of <paramref name="method"/> is, when <paramref name="describe"/> recognises it in
    /// the body of the method or of one of its implementations in this compilation; <c>null</c> otherwise.
    /// <paramref name="describe"/> gets the body and a way to ask the same question of a method it calls, one call
    /// deeper (up to <see cref="Depth"/>).
    /// </summary>
    public string? Describe(IMethodSymbol method, Fact fact, Func<IOperation, Func<IMethodSymbol, string?>, string?> describe, CancellationToken cancellationToken) =>
        Describe(method.OriginalDefinition, fact, describe, Depth, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);

    // Analysis runs concurrently: only finished answers are shared (per method, fact and depth); a cycle is detected on
    // the caller's own path, never by a placeholder another thread could read.
    private string? Describe(IMethodSymbol method, Fact fact, Func<IOperation, Func<IMethodSymbol, string?>, string?> describe, int depth, HashSet<ISymbol> path, CancellationToken cancellationToken)
    {
        if (_descriptions.TryGetValue((method, fact.Name, depth), out var known))
        {
            return known.Text;
        }

        if (!MayPerform(method, fact, depth, cancellationToken))
        {
            _descriptions.TryAdd((method, fact.Name, depth), Answer.None);
            return null;
        }

        if (!path.Add(method))
        {
            return null;
        }

        string? Deeper(IMethodSymbol callee) =>
            depth > 1 && MayHaveBodyHere(callee) ? Describe(callee.OriginalDefinition, fact, describe, depth - 1, path, cancellationToken) : null;

        var result = Bodies(method, cancellationToken).Select(body => describe(body, Deeper)).FirstOrDefault(text => text is not null);
        path.Remove(method);
        _descriptions.TryAdd((method, fact.Name, depth), result is null ? Answer.None : new Answer(result));
        return result;
    }

    /// <summary>
    /// Whether the text of the method (or, for an interface or abstract method, of any method of that name here) calls a
    /// name of the fact, or, <paramref name="depth"/> allowing, a method of this compilation whose text may.
    /// </summary>
    private bool MayPerform(IMethodSymbol method, Fact fact, int depth, CancellationToken cancellationToken)
    {
        if (method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface || method.DeclaringSyntaxReferences.Length == 0)
        {
            return NameMayPerform(method.Name, fact, depth, cancellationToken);
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (TextMayPerform(reference.GetSyntax(cancellationToken), fact, depth, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private bool NameMayPerform(string name, Fact fact, int depth, CancellationToken cancellationToken)
    {
        if (_namesThatMay.TryGetValue((fact.Name, name, depth), out var known))
        {
            return known;
        }

        // A name's answer depends on other names at a smaller depth only: no cycle. Most names called (framework and
        // library methods) are declared nowhere in this compilation, which its declaration table says at once.
        var result = _compilation.ContainsSymbolsWithName(name, SymbolFilter.Member, cancellationToken) && DeclarationsNamed(name).Any(declaration => TextMayPerform(declaration, fact, depth, cancellationToken));
        _namesThatMay.TryAdd((fact.Name, name, depth), result);
        return result;
    }

    /// <summary>
    /// Whether code (a body, a lambda) whose calls are described <paramref name="depth"/> calls deep may perform
    /// <paramref name="fact"/>, from its text and the text of this compilation's methods: when false, it does not.
    /// </summary>
    public bool TextMayPerform(SyntaxNode declaration, Fact fact, int depth, CancellationToken cancellationToken)
    {
        // The fact's own calls first (one walk of the text); the other names only when a deeper look is allowed.
        List<string>? others = null;
        foreach (var call in declaration.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (OperationHelpers.WrittenName(call) is not { } name)
            {
                continue;
            }

            if (fact.CallNames.Contains(name))
            {
                return true;
            }

            if (depth > 1)
            {
                (others ??= new List<string>()).Add(name);
            }
        }

        return others is not null && others.Distinct(StringComparer.Ordinal).Any(name => NameMayPerform(name, fact, depth - 1, cancellationToken));
    }

    /// <summary>The declarations of methods of this compilation with this name (explicit implementations included), from an index built once.</summary>
    private IReadOnlyList<SyntaxNode> DeclarationsNamed(string name)
    {
        var index = _declarationsByName;
        if (index is null)
        {
            var built = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);
            var pending = new Stack<SyntaxNode>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                pending.Push(tree.GetRoot());
                while (pending.Count > 0)
                {
                    foreach (var child in pending.Pop().ChildNodes())
                    {
                        switch (child)
                        {
                            case BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax:
                                pending.Push(child);
                                break;
                            case MethodDeclarationSyntax method:
                                var key = method.Identifier.ValueText;
                                if (!built.TryGetValue(key, out var list))
                                {
                                    built[key] = list = new List<SyntaxNode>();
                                }

                                list.Add(method);
                                break;
                        }
                    }
                }
            }

            Interlocked.CompareExchange(ref _declarationsByName, built, null);
            index = _declarationsByName!;
        }

        return index.TryGetValue(name, out var found) ? found : (IReadOnlyList<SyntaxNode>)Array.Empty<SyntaxNode>();
    }

    /// <summary>Declared in source, or an interface or abstract member whose implementations may be.</summary>
    private static bool MayHaveBodyHere(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Length > 0 || method.ContainingType?.TypeKind == TypeKind.Interface || method.IsAbstract;

    /// <summary>The method's own body, or the bodies of its implementations in this compilation.</summary>
    public IEnumerable<IOperation> Bodies(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var target in Implementations(method))
        {
            foreach (var reference in target.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                {
                    continue;
                }

#pragma warning disable RS1030 // Summaries read other methods' bodies: there is no analysis context for them.
                var model = _models.GetOrAdd(syntax.SyntaxTree, tree => _compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
                if (model.GetOperation(syntax, cancellationToken) is { } body)
                {
                    yield return body;
                }
            }
        }
    }

    private IEnumerable<IMethodSymbol> Implementations(IMethodSymbol method)
    {
        if (method.ContainingType is not { } owner || (owner.TypeKind != TypeKind.Interface && !method.IsAbstract))
        {
            yield return method;
            yield break;
        }

        foreach (var type in Implementors(owner))
        {
            if (type.IsAbstract && type.TypeKind != TypeKind.Class)
            {
                continue;
            }

            if (owner.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in type.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, owner.OriginalDefinition)))
                {
                    var member = implemented.GetMembers(method.Name).OfType<IMethodSymbol>()
                        .FirstOrDefault(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, method.OriginalDefinition));
                    if (member is not null && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
                    {
                        yield return implementation;
                    }
                }
            }
            else
            {
                foreach (var candidate in type.GetMembers(method.Name).OfType<IMethodSymbol>())
                {
                    for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method.OriginalDefinition))
                        {
                            yield return candidate;
                            break;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The source types that implement an interface or derive from a class (by original definition), from an index
    /// built once per compilation.
    /// </summary>
    private IReadOnlyList<INamedTypeSymbol> Implementors(INamedTypeSymbol owner)
    {
        var index = _implementors;
        if (index is null)
        {
            var built = new Dictionary<ISymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            void Add(ISymbol key, INamedTypeSymbol type)
            {
                if (!built.TryGetValue(key, out var list))
                {
                    built[key] = list = new List<INamedTypeSymbol>();
                }

                list.Add(type);
            }

            foreach (var type in OperationHelpers.DeclaredTypes(_compilation.Assembly))
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    Add(implemented.OriginalDefinition, type);
                }

                for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    Add(baseType.OriginalDefinition, type);
                }
            }

            Interlocked.CompareExchange(ref _implementors, built, null);
            index = _implementors!;
        }

        return index.TryGetValue(owner.OriginalDefinition, out var found) ? found : (IReadOnlyList<INamedTypeSymbol>)System.Array.Empty<INamedTypeSymbol>();
    }

    private Dictionary<ISymbol, List<INamedTypeSymbol>>? _implementors;

    private sealed record Answer(string? Text)
    {
        public static readonly Answer None = new((string?)null);
    }

    // Methods by symbol equality; facts and depths as they are.
    private sealed class KeyComparer : IEqualityComparer<(ISymbol Method, string Fact, int Depth)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((ISymbol Method, string Fact, int Depth) x, (ISymbol Method, string Fact, int Depth) y) =>
            x.Depth == y.Depth && string.Equals(x.Fact, y.Fact, StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((ISymbol Method, string Fact, int Depth) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Method) * 31 + StringComparer.Ordinal.GetHashCode(key.Fact)) * 31 + key.Depth;
    }
}

/// <summary>
/// A fact <see cref="MethodSummaries"/> can tell about a method (“writes the database”), with the names of the calls
/// that can perform it directly: bodies that call none of them, directly or through this compilation's methods, are
/// not bound.
/// </summary>
internal sealed class Fact
{
    public Fact(string name, IEnumerable<string> callNames)
    {
        Name = name;
        CallNames = new HashSet<string>(callNames, StringComparer.Ordinal);
    }

    public string Name { get; }

    public HashSet<string> CallNames { get; }
}
