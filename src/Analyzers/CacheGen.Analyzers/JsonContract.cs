using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CacheGen.Analyzers;

/// <summary>
/// System.Text.Json's contract for reading a value back, as far as it can be seen from the types: which members are
/// written, which of them can be set again, which constructor is used, which declared types come back as something
/// else. Used by CG0007 to find the types that lose data between the loader and the cache. It stays silent where the
/// user took control: a type or member with <c>[JsonConverter]</c>, a type named by a user's <c>JsonSerializerContext</c>.
/// </summary>
internal sealed class JsonContract
{
    private const int MaxDepth = 8;

    private readonly INamedTypeSymbol? _include;
    private readonly INamedTypeSymbol? _ignore;
    private readonly INamedTypeSymbol? _constructor;
    private readonly INamedTypeSymbol? _converter;
    private readonly INamedTypeSymbol? _extensionData;
    private readonly INamedTypeSymbol? _polymorphic;
    private readonly INamedTypeSymbol? _derivedType;
    private readonly INamedTypeSymbol? _serializable;
    private readonly INamedTypeSymbol? _systemType;
    private readonly INamedTypeSymbol? _memberInfo;
    private readonly INamedTypeSymbol? _enumerableOfT;
    private readonly Lazy<ImmutableHashSet<ITypeSymbol>> _contextTypes;

    public JsonContract(Compilation compilation)
    {
        _include = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIncludeAttribute");
        _ignore = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIgnoreAttribute");
        _constructor = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConstructorAttribute");
        _converter = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConverterAttribute");
        _extensionData = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonExtensionDataAttribute");
        _polymorphic = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonPolymorphicAttribute");
        _derivedType = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonDerivedTypeAttribute");
        _serializable = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
        _systemType = compilation.GetTypeByMetadataName("System.Type");
        _memberInfo = compilation.GetTypeByMetadataName("System.Reflection.MemberInfo");
        _enumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
        _contextTypes = new Lazy<ImmutableHashSet<ITypeSymbol>>(() => ContextTypes(compilation));
    }

    /// <summary>What keeps <paramref name="type"/> from coming back as it went in, or null.</summary>
    /// <remarks>One walk keeps the user types on the current path (for cycles) and those already found clean.</remarks>
    public string? Problem(ITypeSymbol type) =>
        Walk(type, Describe(type), 0, new List<ITypeSymbol>(), new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private string? Walk(ITypeSymbol type, string path, int depth, List<ITypeSymbol> ancestors, HashSet<ITypeSymbol> cleared)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind == TypeKind.Pointer || type.TypeKind == TypeKind.FunctionPointer)
        {
            return $"{path} is a pointer, an address in this process";
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return $"{path} is a delegate: code, not data";
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return $"{path} is declared as object: whatever went in comes back as a JsonElement; declare the real type";
        }

        if (IsOrDerives(type, _systemType) || IsOrDerives(type, _memberInfo))
        {
            return $"{path} is a {type.Name}: System.Text.Json cannot write reflection types";
        }

        if (HasAttribute(type, _converter) || _contextTypes.Value.Contains(type))
        {
            return null; // the user decides how this type is written and read
        }

        if (type is IArrayTypeSymbol array)
        {
            return Walk(array.ElementType, path + "[]", depth + 1, ancestors, cleared);
        }

        if (type is not INamedTypeSymbol named || type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum)
        {
            return null; // primitives, string, enums
        }

        if (IsFrameworkType(named))
        {
            // A collection: its elements (and a dictionary's values) must round-trip. Anything else of the framework's
            // (DateTimeOffset, Guid, Uri, JsonElement, …) has its own converter.
            var element = ElementType(named);
            return element is null ? null : Walk(element, path + "[]", depth + 1, ancestors, cleared);
        }

        if ((named.TypeKind == TypeKind.Interface || named.IsAbstract) && !IsPolymorphic(named))
        {
            if (ElementType(named) is { } item)
            {
                return Walk(item, path + "[]", depth + 1, ancestors, cleared);
            }

            return $"{path} is declared as {(named.TypeKind == TypeKind.Interface ? "interface" : "abstract type")} {named.Name}: there is no concrete type to read it back into; declare a concrete type, or its subtypes with [JsonDerivedType]";
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || IsPolymorphic(named))
        {
            return null;
        }

        // A cycle through other types (Order.Customer.Orders): System.Text.Json throws as soon as both ends are loaded.
        var back = ancestors.FindIndex(a => SymbolEqualityComparer.Default.Equals(a, named));
        if (back >= 0 && back < ancestors.Count - 1)
        {
            return $"{path} leads back to {ancestors[back].Name}: System.Text.Json throws on the cycle when both ends are loaded; [JsonIgnore] the back-reference or cache a projection";
        }

        if (back >= 0 || cleared.Contains(named))
        {
            return null; // a type that holds itself (a list, a tree; a parent reference too is checked below), or one done
        }

        if (ElementType(named) is { } own)
        {
            return Walk(own, path + "[]", depth + 1, ancestors, cleared); // a user's collection type is written as its elements
        }

        ancestors.Add(named);
        try
        {
            var problem = Members(named, path, depth, ancestors, cleared);
            if (problem is null)
            {
                cleared.Add(named);
            }

            return problem;
        }
        finally
        {
            ancestors.RemoveAt(ancestors.Count - 1);
        }
    }

    private string? Members(INamedTypeSymbol type, string path, int depth, List<ITypeSymbol> ancestors, HashSet<ITypeSymbol> cleared)
    {
        var properties = SerializedProperties(type).ToList();
        var constructor = DeserializationConstructor(type, out var constructorProblem);
        if (constructorProblem is not null)
        {
            return $"{path}: {constructorProblem}";
        }

        var parameters = constructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        foreach (var parameter in parameters)
        {
            if (!properties.Any(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return $"{path}: constructor parameter '{parameter.Name}' matches no property, so System.Text.Json cannot read {type.Name} back; name it after the property it sets";
            }
        }

        var pointsUp = false;
        var holdsMany = false;
        foreach (var property in properties)
        {
            var memberPath = path + "." + property.Name;
            var bound = parameters.Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (!bound && LostOnRead(property) is { } loss)
            {
                return $"{memberPath} {loss}";
            }

            if (HasAttribute(property, _converter))
            {
                continue;
            }

            var memberType = property.Type;
            if (SymbolEqualityComparer.Default.Equals(StripNullable(memberType), type))
            {
                pointsUp = true;
            }
            else if (memberType is INamedTypeSymbol collection && ElementType(collection) is { } item && SymbolEqualityComparer.Default.Equals(StripNullable(item), type))
            {
                holdsMany = true;
            }

            if (Walk(memberType, memberPath, depth + 1, ancestors, cleared) is { } inner)
            {
                return inner;
            }
        }

        return pointsUp && holdsMany
            ? $"{path} holds both its children and a reference to its parent: System.Text.Json throws on the cycle; [JsonIgnore] the parent reference"
            : null;
    }

    /// <summary>Why the value of a written property does not come back, or null.</summary>
    private string? LostOnRead(IPropertySymbol property)
    {
        if (HasAttribute(property, _include) || HasAttribute(property, _extensionData))
        {
            return null;
        }

        if (property.SetMethod is { } setter)
        {
            if (setter.DeclaredAccessibility == Accessibility.Public)
            {
                return null; // public set and public init are both set on read
            }

            return $"has a {AccessibilityText(setter.DeclaredAccessibility)} {(setter.IsInitOnly ? "init" : "setter")}: System.Text.Json writes it but does not set it back; add [JsonInclude], or bind it with a constructor parameter of the same name";
        }

        // Get-only: lost if it is stored (an auto-property), fine if it is computed from other members.
        if (!IsAutoProperty(property))
        {
            return null;
        }

        // A get-only collection is filled in place only with JsonObjectCreationHandling.Populate; stay quiet there.
        if (property.Type is INamedTypeSymbol collection && ElementType(collection) is not null)
        {
            return null;
        }

        return "is get-only and no constructor parameter sets it: System.Text.Json writes it but cannot set it back; add a constructor parameter named after it, or [JsonInclude] with a private setter";
    }

    private IEnumerable<IPropertySymbol> SerializedProperties(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property
                    && (property.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public || HasAttribute(property, _include))
                    && !IgnoredAlways(property)
                    && seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }

    /// <summary>The constructor System.Text.Json reads into; null for the parameterless one.</summary>
    private IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type, out string? problem)
    {
        problem = null;
        var constructors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToList();
        var annotated = constructors.FirstOrDefault(c => HasAttribute(c, _constructor));
        if (annotated is not null)
        {
            return annotated.Parameters.Length == 0 ? null : annotated;
        }

        var publicOnes = constructors.Where(c => c.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public && !IsCopyConstructor(c, type)).ToList();
        if (type.TypeKind == TypeKind.Struct || publicOnes.Any(c => c.Parameters.Length == 0))
        {
            return null; // structs, and classes with a public parameterless constructor, are created empty and then set
        }

        if (publicOnes.Count == 1)
        {
            return publicOnes[0];
        }

        problem = publicOnes.Count == 0
            ? $"{type.Name} has no public constructor, so System.Text.Json cannot create it; add one or mark one [JsonConstructor]"
            : $"{type.Name} has several public constructors and none is parameterless or marked [JsonConstructor], so System.Text.Json cannot create it";
        return null;
    }

    private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol type) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    private bool IgnoredAlways(IPropertySymbol property)
    {
        var ignore = property.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _ignore));

        // [JsonIgnore] (Condition = Always by default) takes the member out; a conditional ignore still writes it.
        return ignore is not null && !ignore.NamedArguments.Any(a => a.Key == "Condition" && a.Value.Value is int condition && condition != 1);
    }

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences.IsEmpty)
        {
            // From metadata: a stored get-only property has a compiler-generated backing field we may not see; only a
            // positional record's parameter could tell, and those have init. Stay quiet.
            return false;
        }

        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }
                && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null))
            {
                return true;
            }
        }

        return false;
    }

    private ITypeSymbol? ElementType(INamedTypeSymbol type)
    {
        if (_enumerableOfT is null || type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        INamedTypeSymbol? enumerable = SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _enumerableOfT)
            ? type
            : type.AllInterfaces.FirstOrDefault(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, _enumerableOfT));
        if (enumerable is null)
        {
            return null;
        }

        // A dictionary enumerates KeyValuePair<TKey, TValue>: its values are what is written.
        var item = enumerable.TypeArguments[0];
        return item is INamedTypeSymbol { Name: "KeyValuePair", Arity: 2 } pair ? pair.TypeArguments[1] : item;
    }

    private bool IsPolymorphic(ITypeSymbol type) => HasAttribute(type, _polymorphic) || HasAttribute(type, _derivedType);

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        return root?.Name is "System" or "Microsoft";
    }

    private static ITypeSymbol StripNullable(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static bool IsOrDerives(ITypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "non-public",
    };

    private static string Describe(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>Every type a <c>JsonSerializerContext</c> in this compilation names with <c>[JsonSerializable]</c>.</summary>
    private ImmutableHashSet<ITypeSymbol> ContextTypes(Compilation compilation)
    {
        var builder = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
        if (_serializable is null)
        {
            return builder.ToImmutable();
        }

        foreach (var named in OperationHelpers.DeclaredTypes(compilation.Assembly))
        {
            foreach (var attribute in named.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _serializable)
                    && attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is ITypeSymbol listed)
                {
                    builder.Add(listed);
                }
            }
        }

        return builder.ToImmutable();
    }
}
