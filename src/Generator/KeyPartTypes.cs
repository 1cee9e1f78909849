using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace CacheGen.Generator;

/// <summary>
/// How a key placeholder's member path resolves and which types can be formatted into a key — shared, as source, by
/// the generator (which writes the code) and the analyzers (which explain why it could not).
/// </summary>
internal static class KeyPartTypes
{
    /// <summary>The type of a readable instance property or field named <paramref name="name"/> on <paramref name="type"/>.</summary>
    public static ITypeSymbol? FindMember(ITypeSymbol type, string name)
    {
        IEnumerable<ITypeSymbol> types = type.TypeKind == TypeKind.Interface
            ? new[] { type }.Concat(type.AllInterfaces)
            : Hierarchy(type);
        foreach (var candidate in types)
        {
            foreach (var member in candidate.GetMembers(name))
            {
                switch (member)
                {
                    case IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: { } getter } property
                        when getter.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal:
                        return property.Type;
                    case IFieldSymbol { IsStatic: false } field
                        when field.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal:
                        return field.Type;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <c>CacheKeyFormat</c> has an overload for a (non-nullable) type; for an enum, the cast to its underlying
    /// type that selects one.
    /// </summary>
    public static bool IsFormattable(ITypeSymbol type, out string cast)
    {
        cast = string.Empty;
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            cast = "(" + underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")";
            return true;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return true;
        }

        return type is INamedTypeSymbol { Name: "Guid" or "DateTimeOffset" or "DateOnly" or "TimeOnly" or "TimeSpan", Arity: 0, ContainingType: null, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }

    /// <summary>
    /// Whether a formattable type's <c>Equals</c> can call two values equal whose key text differs: decimal (scale,
    /// sign of zero), double and float (sign of zero), DateTime (kind), DateTimeOffset (offset).
    /// </summary>
    public static bool IsEqualityCoarserThanText(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_DateTime
        || type is INamedTypeSymbol { Name: "DateTimeOffset", Arity: 0, ContainingType: null, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>The underlying type of a <c>Nullable&lt;T&gt;</c>, or the type itself.</summary>
    public static bool IsNullableValue(ITypeSymbol type, out ITypeSymbol underlying)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            underlying = nullable.TypeArguments[0];
            return true;
        }

        underlying = type;
        return false;
    }

    private static IEnumerable<ITypeSymbol> Hierarchy(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }
}
