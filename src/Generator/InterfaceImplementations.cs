using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace CacheGen.Generator;

/// <summary>Which interface members a class's decorated methods implement.</summary>
internal static class InterfaceImplementations
{
    /// <summary>Interface member → the decorated method of <paramref name="type"/> (or of a base class) that implements it.</summary>
    public static Dictionary<ISymbol, IMethodSymbol> Decorated(INamedTypeSymbol type, Func<IMethodSymbol, bool> isDecorated) =>
        type.BaseType is null or { SpecialType: SpecialType.System_Object }
            ? ByOwnMethods(type, isDecorated)
            : ByCompiler(type, isDecorated);

    /// <summary>
    /// Asks the compiler for the implementation of every interface member: exact in every case (inherited implementations,
    /// re-implemented interfaces), but the compiler computes diagnostics and an explicit-implementation map on the way.
    /// </summary>
    public static Dictionary<ISymbol, IMethodSymbol> ByCompiler(INamedTypeSymbol type, Func<IMethodSymbol, bool> isDecorated)
    {
        var decoratedFor = new Dictionary<ISymbol, IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers())
            {
                if (!member.IsStatic && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation && isDecorated(implementation))
                {
                    decoratedFor[member] = implementation;
                }
            }
        }

        return decoratedFor;
    }

    /// <summary>
    /// For a class that derives from object only, and so declares every interface it implements: its own decorated methods,
    /// matched to the members they implement. The class is the first and only place the language looks for an
    /// implementation: an explicit one names its member; otherwise it is the public instance method with the member's name
    /// and signature. Only decorated methods and same-named interface members are examined, and a case this match does not
    /// model is decided by the compiler (<c>FindImplementationForInterfaceMember</c>), so the result equals
    /// <see cref="ByCompiler"/>'s (<c>InterfaceImplementationsTests</c>).
    /// </summary>
    public static Dictionary<ISymbol, IMethodSymbol> ByOwnMethods(INamedTypeSymbol type, Func<IMethodSymbol, bool> isDecorated)
    {
        var decoratedFor = new Dictionary<ISymbol, IMethodSymbol>(SymbolEqualityComparer.Default);
        var members = type.GetMembers();
        foreach (var member in members)
        {
            if (member is not IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method
                || !isDecorated(method))
            {
                continue;
            }

            if (method.MethodKind == MethodKind.ExplicitInterfaceImplementation)
            {
                foreach (var implemented in method.ExplicitInterfaceImplementations)
                {
                    decoratedFor[implemented] = method;
                }

                continue;
            }

            if (SoleCandidate(type, method, members) is { } sole)
            {
                decoratedFor[sole] = method;
                continue;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var candidate in @interface.GetMembers(method.Name))
                {
                    if (candidate is IMethodSymbol { IsStatic: false } interfaceMethod && Implements(type, method, interfaceMethod, members))
                    {
                        decoratedFor[candidate] = method;
                    }
                }
            }
        }

        return decoratedFor;
    }

    /// <summary>
    /// The common case, decided without binding the method's own signature: a public instance method that is the class's only
    /// method of its name and parameter count, and an abstract public interface member that is the only one of that name and
    /// count in all the class's interfaces, with no explicit implementation. The member must then be implemented by this
    /// method, or the class does not compile (CS0535), since nothing else in the class could implement it.
    /// </summary>
    private static IMethodSymbol? SoleCandidate(INamedTypeSymbol type, IMethodSymbol method, ImmutableArray<ISymbol> members)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || method.IsGenericMethod
            || SyntacticParameterCount(method) is not { } count)
        {
            return null;
        }

        foreach (var member in members)
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } other && !ReferenceEquals(other, method) && other.Name == method.Name
                && SyntacticParameterCount(other) is var otherCount && (otherCount is null || otherCount == count))
            {
                return null; // an overload of the same count (or one whose count is unknown)
            }
        }

        IMethodSymbol? sole = null;
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var candidate in @interface.GetMembers(method.Name))
            {
                if (candidate is not IMethodSymbol interfaceMethod || interfaceMethod.IsStatic)
                {
                    continue;
                }

                if (interfaceMethod.Parameters.Length != count)
                {
                    continue;
                }

                if (sole is not null || !interfaceMethod.IsAbstract || interfaceMethod.DeclaredAccessibility != Accessibility.Public || interfaceMethod.IsGenericMethod)
                {
                    return null;
                }

                sole = interfaceMethod;
            }
        }

        return sole is null || IsImplementedExplicitly(sole, members) ? null : sole;
    }

    // The parameter count as written, read from syntax so that the signature is not bound; null when not from source.
    private static int? SyntacticParameterCount(IMethodSymbol method)
    {
        var references = method.DeclaringSyntaxReferences;
        return references.Length > 0 && references[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax { ParameterList: { } list }
            ? list.Parameters.Count
            : null;
    }

    private static bool Implements(INamedTypeSymbol type, IMethodSymbol method, IMethodSymbol interfaceMethod, ImmutableArray<ISymbol> members)
    {
        if (method.Parameters.Length != interfaceMethod.Parameters.Length || method.TypeParameters.Length != interfaceMethod.TypeParameters.Length)
        {
            return false; // an implicit implementation has its member's arity
        }

        if (method.DeclaredAccessibility == Accessibility.Public && IsPlainMatch(method, interfaceMethod) && !IsImplementedExplicitly(interfaceMethod, members))
        {
            return true;
        }

        return SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod), method);
    }

    // The same non-generic signature, with nothing this check does not model: custom modifiers (an 'in' parameter of an
    // interface method carries one), an interface member that is not public or cannot be implemented.
    private static bool IsPlainMatch(IMethodSymbol method, IMethodSymbol interfaceMethod)
    {
        if (method.TypeParameters.Length != 0
            || interfaceMethod.DeclaredAccessibility != Accessibility.Public
            || !(interfaceMethod.IsAbstract || interfaceMethod.IsVirtual)
            || method.ReturnsVoid != interfaceMethod.ReturnsVoid
            || method.ReturnsByRef != interfaceMethod.ReturnsByRef
            || method.ReturnsByRefReadonly != interfaceMethod.ReturnsByRefReadonly
            || !interfaceMethod.RefCustomModifiers.IsEmpty
            || !interfaceMethod.ReturnTypeCustomModifiers.IsEmpty
            || !SymbolEqualityComparer.Default.Equals(method.ReturnType, interfaceMethod.ReturnType))
        {
            return false;
        }

        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var interfaceParameter = interfaceMethod.Parameters[i];
            if (parameter.RefKind != interfaceParameter.RefKind
                || !interfaceParameter.CustomModifiers.IsEmpty
                || !interfaceParameter.RefCustomModifiers.IsEmpty
                || !SymbolEqualityComparer.Default.Equals(parameter.Type, interfaceParameter.Type))
            {
                return false;
            }
        }

        return true;
    }

    // An explicit implementation takes precedence over a public method with the same signature.
    private static bool IsImplementedExplicitly(IMethodSymbol interfaceMethod, ImmutableArray<ISymbol> members)
    {
        var suffix = "." + interfaceMethod.Name;
        foreach (var member in members)
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation } explicitImplementation
                && explicitImplementation.Name.EndsWith(suffix, StringComparison.Ordinal)
                && explicitImplementation.ExplicitInterfaceImplementations.Contains(interfaceMethod, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }
}
