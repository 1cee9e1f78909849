using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CacheGen.Generator.Helpers;
using CacheGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CacheGen.Generator;

/// <summary>
/// System.Text.Json contracts for the types a class caches, written at build time with the metadata API the JSON source
/// generator itself uses (<c>JsonMetadataServices</c>), so that an application without reflection-based serialization
/// (native AOT, trimming) caches them without a hand-written <c>JsonSerializerContext</c>. (One source generator cannot
/// feed another: a <c>[JsonSerializable]</c> context written here would never be completed by the JSON generator.)
/// </summary>
/// <remarks>
/// Covered: the JSON primitives, enums, nullable values, arrays, the common list, set and dictionary types, and
/// classes, structs and records with public properties built by a public parameterless constructor (setters and
/// init-only properties) or by their one public (or <c>[JsonConstructor]</c>) constructor. A type outside that —
/// custom converters, extension data, <c>required</c> members, abstract or polymorphic types — gets no contract: under
/// native AOT its method is then not cached (the round-trip guard says so at run time, CG0007 at build time when it can).
/// The contracts follow the options they are used with (naming policy, number handling), as the JSON generator's do.
/// </remarks>
internal sealed class JsonContracts
{
    private const string Metadata = "global::System.Text.Json.Serialization.Metadata.";
    private const string Services = Metadata + "JsonMetadataServices.";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private readonly Dictionary<ITypeSymbol, JsonContractSpec?> _contracts = new(SymbolEqualityComparer.Default);
    private readonly Compilation _compilation;

    private JsonContracts(Compilation compilation) => _compilation = compilation;

    /// <summary>The contracts of <paramref name="roots"/> and every type they reach, in a stable order.</summary>
    public static EquatableArray<JsonContractSpec> For(IEnumerable<ITypeSymbol> roots, Compilation compilation)
    {
        var builder = new JsonContracts(compilation);
        foreach (var root in roots)
        {
            builder.Visit(root);
        }

        return builder._contracts.Values.Where(c => c is not null).Select(c => c!).OrderBy(c => c.Type, System.StringComparer.Ordinal).ToEquatableArray();
    }

    private static string Display(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);

    private void Visit(ITypeSymbol type)
    {
        type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (_contracts.ContainsKey(type) || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter or TypeKind.Dynamic or TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return;
        }

        _contracts[type] = null; // in progress: a type that reaches itself is visited once
        var name = Display(type);
        var body = Build(type, name, out var reached);
        if (body is not null)
        {
            _contracts[type] = new JsonContractSpec(name, body);
            foreach (var next in reached)
            {
                Visit(next);
            }
        }
    }

    private string? Build(ITypeSymbol type, string name, out List<ITypeSymbol> reached)
    {
        reached = new List<ITypeSymbol>();
        if (ValueConverter(type) is { } converter)
        {
            return $"return {Services}CreateValueInfo<{name}>(options, {Services}{converter});";
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum })
        {
            return $"return {Services}CreateValueInfo<{name}>(options, {Services}GetEnumConverter<{name}>(options));";
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var underlying = nullable.TypeArguments[0];
            reached.Add(underlying);
            return $"return {Services}CreateValueInfo<{name}>(options, {Services}GetNullableConverter<{Display(underlying)}>(options));";
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            reached.Add(array.ElementType);
            return $"return {Services}CreateArrayInfo<{Display(array.ElementType)}>(options, new {Metadata}JsonCollectionInfoValues<{name}>());";
        }

        if (type is not INamedTypeSymbol named || type.IsAbstract && type.TypeKind != TypeKind.Interface)
        {
            return null;
        }

        if (Collection(named, name, reached) is { } collection)
        {
            return collection;
        }

        // Framework types outside the lists above have converters of their own (KeyValuePair, tuples' fields, …): no
        // object contract would match them.
        var framework = named.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal));
        return named.TypeKind is TypeKind.Class or TypeKind.Struct && !framework && !named.IsTupleType && !named.IsUnboundGenericType && named.TypeArguments.All(a => a.TypeKind != TypeKind.TypeParameter)
            ? ObjectContract(named, name, reached)
            : null;
    }

    private static string? ValueConverter(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean => "BooleanConverter",
        SpecialType.System_Byte => "ByteConverter",
        SpecialType.System_SByte => "SByteConverter",
        SpecialType.System_Char => "CharConverter",
        SpecialType.System_Int16 => "Int16Converter",
        SpecialType.System_UInt16 => "UInt16Converter",
        SpecialType.System_Int32 => "Int32Converter",
        SpecialType.System_UInt32 => "UInt32Converter",
        SpecialType.System_Int64 => "Int64Converter",
        SpecialType.System_UInt64 => "UInt64Converter",
        SpecialType.System_Single => "SingleConverter",
        SpecialType.System_Double => "DoubleConverter",
        SpecialType.System_Decimal => "DecimalConverter",
        SpecialType.System_String => "StringConverter",
        SpecialType.System_DateTime => "DateTimeConverter",
        SpecialType.System_Object => "ObjectConverter",
        _ => type.ToDisplayString() switch
        {
            "System.Guid" => "GuidConverter",
            "System.DateTimeOffset" => "DateTimeOffsetConverter",
            "System.TimeSpan" => "TimeSpanConverter",
            "System.DateOnly" => "DateOnlyConverter",
            "System.TimeOnly" => "TimeOnlyConverter",
            "System.Uri" => "UriConverter",
            "System.Version" => "VersionConverter",
            "byte[]" => "ByteArrayConverter",
            "System.Text.Json.JsonElement" => "JsonElementConverter",
            "System.Text.Json.JsonDocument" => "JsonDocumentConverter",
            _ => null,
        },
    };

    private static string? Collection(INamedTypeSymbol type, string name, List<ITypeSymbol> reached)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.OriginalDefinition.ToDisplayString();
        var arguments = type.TypeArguments;
        string Element() => Display(arguments[0]);
        string Values(string creator) => $"new {Metadata}JsonCollectionInfoValues<{name}> {{ ObjectCreator = {creator} }}";
        string? result = definition switch
        {
            "System.Collections.Generic.List<T>" => $"return {Services}CreateListInfo<{name}, {Element()}>(options, {Values($"static () => new {name}()")});",
            "System.Collections.Generic.HashSet<T>" => $"return {Services}CreateISetInfo<{name}, {Element()}>(options, {Values($"static () => new {name}()")});",
            "System.Collections.Generic.IList<T>" => $"return {Services}CreateIListInfo<{name}, {Element()}>(options, {Values("null")});",
            "System.Collections.Generic.ICollection<T>" => $"return {Services}CreateICollectionInfo<{name}, {Element()}>(options, {Values("null")});",
            "System.Collections.Generic.ISet<T>" => $"return {Services}CreateISetInfo<{name}, {Element()}>(options, {Values("null")});",
            "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IReadOnlyCollection<T>"
                => $"return {Services}CreateIEnumerableInfo<{name}, {Element()}>(options, {Values("null")});",
            _ => null,
        };
        if (result is not null)
        {
            reached.Add(arguments[0]);
            return result;
        }

        if (arguments.Length == 2 && IsDictionaryKey(arguments[0]))
        {
            var pair = Display(arguments[0]) + ", " + Display(arguments[1]);
            result = definition switch
            {
                "System.Collections.Generic.Dictionary<TKey, TValue>" => $"return {Services}CreateDictionaryInfo<{name}, {pair}>(options, {Values($"static () => new {name}()")});",
                "System.Collections.Generic.IDictionary<TKey, TValue>" => $"return {Services}CreateIDictionaryInfo<{name}, {pair}>(options, {Values("null")});",
                "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" => $"return {Services}CreateIReadOnlyDictionaryInfo<{name}, {pair}>(options, {Values("null")});",
                _ => null,
            };
            if (result is not null)
            {
                reached.Add(arguments[0]);
                reached.Add(arguments[1]);
                return result;
            }
        }

        return null;
    }

    private static bool IsDictionaryKey(ITypeSymbol key) =>
        key.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Int64 || key.ToDisplayString() == "System.Guid" || key.TypeKind == TypeKind.Enum;

    private string? ObjectContract(INamedTypeSymbol type, string name, List<ITypeSymbol> reached)
    {
        if (type.DeclaredAccessibility != Accessibility.Public && !IsAccessibleWithin(type) || HasAttribute(type, "System.Text.Json.Serialization.JsonConverterAttribute")
            || HasAttribute(type, "System.Text.Json.Serialization.JsonPolymorphicAttribute") || type.TypeKind == TypeKind.Struct && type.IsRefLikeType)
        {
            return null;
        }

        var properties = new List<IPropertySymbol>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (var member in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (member.IsStatic || member.IsIndexer || member.GetMethod is not { DeclaredAccessibility: Accessibility.Public } || member.DeclaredAccessibility != Accessibility.Public || !seen.Add(member.Name))
                {
                    continue;
                }

                if (member.IsRequired || HasAttribute(member, "System.Text.Json.Serialization.JsonConverterAttribute") || HasAttribute(member, "System.Text.Json.Serialization.JsonExtensionDataAttribute")
                    || member.Type.IsRefLikeType)
                {
                    return null; // semantics this writer does not reproduce: no contract rather than a different one
                }

                if (IgnoredAlways(member))
                {
                    continue;
                }

                properties.Add(member);
            }
        }

        // The constructor: [JsonConstructor], else a public parameterless one, else the only public one.
        var constructors = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        var constructor = constructors.FirstOrDefault(c => HasAttribute(c, "System.Text.Json.Serialization.JsonConstructorAttribute"))
            ?? constructors.FirstOrDefault(c => c.Parameters.Length == 0)
            ?? (constructors.Count == 1 ? constructors[0] : null);
        if (constructor is null && type.TypeKind != TypeKind.Struct)
        {
            return null;
        }

        var parameters = constructor?.Parameters ?? ImmutableEmpty;
        var initOnly = properties.Where(p => p.SetMethod is { IsInitOnly: true } && !parameters.Any(a => Matches(a, p))).ToList();
        foreach (var parameter in parameters)
        {
            if (!properties.Any(p => Matches(parameter, p)) || parameter.RefKind != RefKind.None)
            {
                return null; // STJ binds constructor parameters to properties by name
            }
        }

        var b = new StringBuilder();
        b.Append("var values = new ").Append(Metadata).Append("JsonObjectInfoValues<").Append(name).Append(">\n{\n");
        if (parameters.Length == 0 && initOnly.Count == 0)
        {
            b.Append("    ObjectCreator = static () => new ").Append(name).Append("(),\n");
        }
        else
        {
            // Constructor arguments first, then init-only properties as member initializers, as the JSON generator does.
            var arguments = string.Join(", ", parameters.Select((p, i) => $"({Display(p.Type)})args[{i.ToString(CultureInfo.InvariantCulture)}]"));
            var initializers = string.Join(", ", initOnly.Select((p, i) => $"{Identifier(p.Name)} = ({Display(p.Type)})args[{(parameters.Length + i).ToString(CultureInfo.InvariantCulture)}]"));
            b.Append("    ObjectWithParameterizedConstructorCreator = static args => new ").Append(name).Append('(').Append(arguments).Append(')');
            if (initOnly.Count > 0)
            {
                b.Append(" { ").Append(initializers).Append(" }");
            }

            b.Append(",\n");
            b.Append("    ConstructorParameterMetadataInitializer = static () => new ").Append(Metadata).Append("JsonParameterInfoValues[]\n    {\n");
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                if (parameter.HasExplicitDefaultValue && !IsLiteral(parameter.ExplicitDefaultValue))
                {
                    return null;
                }

                b.Append("        new ").Append(Metadata).Append("JsonParameterInfoValues { Name = ").Append(Literal(parameter.Name))
                    .Append(", ParameterType = typeof(").Append(Display(parameter.Type)).Append("), Position = ").Append(i.ToString(CultureInfo.InvariantCulture))
                    .Append(", HasDefaultValue = ").Append(parameter.HasExplicitDefaultValue ? "true" : "false")
                    .Append(", DefaultValue = ").Append(parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter) : "null").Append(" },\n");
            }

            for (var i = 0; i < initOnly.Count; i++)
            {
                b.Append("        new ").Append(Metadata).Append("JsonParameterInfoValues { Name = ").Append(Literal(initOnly[i].Name))
                    .Append(", ParameterType = typeof(").Append(Display(initOnly[i].Type)).Append("), Position = ").Append((parameters.Length + i).ToString(CultureInfo.InvariantCulture))
                    .Append(" },\n");
            }

            b.Append("    },\n");
        }

        b.Append("    PropertyMetadataInitializer = _ => new ").Append(Metadata).Append("JsonPropertyInfo[]\n    {\n");
        foreach (var property in properties)
        {
            reached.Add(property.Type);
            var propertyType = Display(property.Type);
            b.Append("        ").Append(Services).Append("CreatePropertyInfo<").Append(propertyType).Append(">(options, new ").Append(Metadata).Append("JsonPropertyInfoValues<").Append(propertyType).Append(">\n        {\n");
            b.Append("            IsProperty = true,\n            IsPublic = true,\n            IsVirtual = ").Append(property.IsVirtual || property.IsOverride ? "true" : "false").Append(",\n");
            b.Append("            DeclaringType = typeof(").Append(Display(property.ContainingType)).Append("),\n");
            b.Append("            Getter = static obj => ((").Append(Display(property.ContainingType)).Append(")obj).").Append(Identifier(property.Name)).Append(",\n");
            b.Append("            Setter = ").Append(Setter(type, property, parameters)).Append(",\n");
            b.Append("            IgnoreCondition = ").Append(IgnoreCondition(property)).Append(",\n");
            b.Append("            HasJsonInclude = false,\n            IsExtensionData = false,\n            NumberHandling = null,\n");
            b.Append("            PropertyName = ").Append(Literal(property.Name)).Append(",\n");
            b.Append("            JsonPropertyName = ").Append(JsonName(property) is { } jsonName ? Literal(jsonName) : "null").Append(",\n");
            b.Append("        }),\n");
        }

        b.Append("    },\n};\n");
        b.Append("return ").Append(Services).Append("CreateObjectInfo<").Append(name).Append(">(options, values);");
        return b.ToString();
    }

    private static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> ImmutableEmpty = System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;

    private bool IsAccessibleWithin(INamedTypeSymbol type) =>
        type.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal
        && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly)
        && (type.ContainingType is null || type.ContainingType.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);

    private static bool Matches(IParameterSymbol parameter, IPropertySymbol property) =>
        string.Equals(parameter.Name, property.Name, System.StringComparison.OrdinalIgnoreCase)
        && SymbolEqualityComparer.Default.Equals(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), property.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));

    private static string Setter(INamedTypeSymbol type, IPropertySymbol property, System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters)
    {
        if (property.SetMethod is not { DeclaredAccessibility: Accessibility.Public } setter)
        {
            return "null";
        }

        if (setter.IsInitOnly)
        {
            return "static (obj, value) => throw new global::System.InvalidOperationException(\"An init-only property is set through the constructor.\")";
        }

        var declaring = Display(property.ContainingType);
        return type.TypeKind == TypeKind.Struct
            ? $"static (obj, value) => global::System.Runtime.CompilerServices.Unsafe.Unbox<{declaring}>(obj).{Identifier(property.Name)} = value!"
            : $"static (obj, value) => (({declaring})obj).{Identifier(property.Name)} = value!";
    }

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    private static bool IgnoredAlways(IPropertySymbol property) =>
        property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonIgnoreAttribute"
            && !a.NamedArguments.Any(n => n.Key == "Condition" && n.Value.Value is int condition && condition != 1));

    private static string IgnoreCondition(IPropertySymbol property)
    {
        var ignore = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonIgnoreAttribute");
        var condition = ignore?.NamedArguments.FirstOrDefault(n => n.Key == "Condition").Value.Value as int?;
        return condition is { } value ? $"(global::System.Text.Json.Serialization.JsonIgnoreCondition){value.ToString(CultureInfo.InvariantCulture)}" : "null";
    }

    private static string? JsonName(IPropertySymbol property) =>
        property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute")?.ConstructorArguments.FirstOrDefault().Value as string;

    private static bool IsLiteral(object? value) => value is null or string or bool or char or int or long or short or byte or uint or ulong or ushort or sbyte or double or float or decimal;

    private static string DefaultLiteral(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return parameter.Type.IsValueType && parameter.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? $"default({Display(parameter.Type)})" : "null";
        }

        return $"({Display(parameter.Type)}){SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)}"
            + (value is decimal ? "m" : value is float ? "f" : string.Empty);
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
