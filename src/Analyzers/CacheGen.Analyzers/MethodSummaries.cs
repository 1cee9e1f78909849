using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers;

/// <summary>
/// What methods of this compilation do, seen through their bodies: real code writes the database in a repository
/// method in another file, and deletes a cache key through a thin wrapper. A fact holds for a method whose body (or,
/// for an interface or abstract method, an implementation's body in this compilation) performs it directly or through
/// a call that does, up to <see cref="Depth"/> calls deep. Computed on demand, once per method and fact, per compilation.
/// </summary>
internal sealed class MethodSummaries
{
    public const int Depth = 2;

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<(ISymbol Method, string Fact), Answer> _descriptions = new();
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private ImmutableArray<INamedTypeSymbol>? _sourceTypes;

    public MethodSummaries(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// Whether a call of <paramref name="method"/> performs <paramref name="fact"/>, which <paramref name="direct"/>
    /// recognises on a single invocation: in the method's body (or an implementation's), directly or through a call.
    /// </summary>
    public bool Performs(IMethodSymbol method, string fact, Func<IInvocationOperation, bool> direct, CancellationToken cancellationToken) =>
        Describe(method, fact, (body, deeper) => body.Descendants().OfType<IInvocationOperation>().Any(invocation => direct(invocation) || deeper(invocation.TargetMethod) is not null) ? fact : null, cancellationToken) is not null;

    /// <summary>
    /// A description of what a call of <paramref name="method"/> is, when <paramref name="describe"/> recognises it in
    /// the body of the method or of one of its implementations in this compilation; <c>null</c> otherwise.
    /// <paramref name="describe"/> gets the body and a way to ask the same question of a method it calls, one call
    /// deeper (up to <see cref="Depth"/>).
    /// </summary>
    public string? Describe(IMethodSymbol method, string fact, Func<IOperation, Func<IMethodSymbol, string?>, string?> describe, CancellationToken cancellationToken) =>
        Describe(method.OriginalDefinition, fact, describe, Depth, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);

    // Analysis runs concurrently: only finished answers are shared (per method, fact and depth); a cycle is detected on
    // the caller's own path, never by a placeholder another thread could read.
    private string? Describe(IMethodSymbol method, string fact, Func<IOperation, Func<IMethodSymbol, string?>, string?> describe, int depth, HashSet<ISymbol> path, CancellationToken cancellationToken)
    {
        if (_descriptions.TryGetValue((method, fact + "/" + depth), out var known))
        {
            return known.Text;
        }

        if (!path.Add(method))
        {
            return null;
        }

        string? Deeper(IMethodSymbol callee) =>
            depth > 1 && MayHaveBodyHere(callee) ? Describe(callee.OriginalDefinition, fact, describe, depth - 1, path, cancellationToken) : null;

        var result = Bodies(method, cancellationToken).Select(body => describe(body, Deeper)).FirstOrDefault(text => text is not null);
        path.Remove(method);
        _descriptions.TryAdd((method, fact + "/" + depth), new Answer(result));
        return result;
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

            foreach (var type in SourceTypes())
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

    /// <summary>Every type this compilation declares, nested types included (listed once).</summary>
    public ImmutableArray<INamedTypeSymbol> SourceTypes()
    {
        if (_sourceTypes is { } known)
        {
            return known;
        }

        var result = OperationHelpers.DeclaredTypes(_compilation.Assembly).ToImmutableArray();
        _sourceTypes = result;
        return result;
    }

    private sealed record Answer(string? Text);
}
