using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using CacheGen.Generator.Helpers;
using CacheGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CacheGen.Generator;

/// <summary>Symbols → <see cref="DecoratorSpec"/>. Returns no decorator for a shape it cannot serve; the analyzers say why.</summary>
internal static class Parser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    // One class with several decorated methods is parsed once per compilation, not once per method.
    private static readonly ConditionalWeakTable<INamedTypeSymbol, StrongBox<DecoratorSpec?>> Parsed = new();

    // Type names are displayed once per compilation: the same few types (int, Task<T>, CancellationToken, the user's
    // entities) recur in every signature, and symbol display is the parser's most expensive call.
    private static readonly ConditionalWeakTable<Compilation, System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, string>> Displays = new();

    // Resolved once per compilation: a metadata-name lookup searches every referenced assembly.
    private static readonly ConditionalWeakTable<Compilation, WellKnownTypes> Types = new();

    private sealed class WellKnownTypes(Compilation compilation)
    {
        public INamedTypeSymbol? Cached { get; } = compilation.GetTypeByMetadataName(CachedDecoratorGenerator.CachedAttribute);

        public INamedTypeSymbol? Invalidates { get; } = compilation.GetTypeByMetadataName(CachedDecoratorGenerator.InvalidatesCacheAttribute);

        public INamedTypeSymbol? InvalidatesTag { get; } = compilation.GetTypeByMetadataName(CachedDecoratorGenerator.InvalidatesCacheTagAttribute);

        public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");

        public INamedTypeSymbol? TaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");

        public INamedTypeSymbol? ValueTask { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");

        public INamedTypeSymbol? ValueTaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");

        public INamedTypeSymbol? CancellationToken { get; } = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    }

    public static DecoratorSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol { ContainingType: { } type })
        {
            return null;
        }

        try
        {
            return Parsed.GetValue(type, t => new StrongBox<DecoratorSpec?>(new TypeParser(t, context.SemanticModel.Compilation, cancellationToken).Parse())).Value;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // A generator bug must not become CS8785 in a user's build: no decorator, and AddCached says so at start-up.
            return null;
        }
    }

    /// <summary>
    /// The <c>AddCached&lt;TService, TImplementation&gt;</c> calls in <paramref name="trees"/> whose implementation is a closed
    /// generic type with a decorator, without duplicates, in ordinal order.
    /// </summary>
    public static EquatableArray<ClosedGenericRegistration> ParseRegistrations(System.Collections.Immutable.ImmutableArray<SyntaxTree> trees, Compilation compilation, CancellationToken cancellationToken)
    {
        if (trees.IsEmpty)
        {
            return EquatableArray<ClosedGenericRegistration>.Empty;
        }

        var found = new HashSet<ClosedGenericRegistration>();
        foreach (var tree in trees)
        {
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (!CachedDecoratorGenerator.IsAddCachedWithTypeArguments(node))
                {
                    continue;
                }

                try
                {
                    model ??= compilation.GetSemanticModel(tree);
                    if (ParseRegistration(node, model, cancellationToken) is { } registration)
                    {
                        found.Add(registration);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Never CS8785 in a user's build: this call registers nothing, and AddCached names the pair at start-up.
                }
            }
        }

        return found
            .OrderBy(r => r.Implementation, StringComparer.Ordinal)
            .ThenBy(r => r.Service, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private static ClosedGenericRegistration? ParseRegistration(SyntaxNode call, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol
            {
                Name: "AddCached",
                TypeArguments.Length: 2,
                ContainingType: { Name: "CacheGenServiceCollectionExtensions", ContainingNamespace: { Name: "DependencyInjection", ContainingNamespace: { Name: "Extensions", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } } } },
            } method
            || method.TypeArguments[0] is not INamedTypeSymbol service
            || method.TypeArguments[1] is not INamedTypeSymbol { IsGenericType: true } implementation
            || !SymbolEqualityComparer.Default.Equals(implementation.ContainingAssembly, semanticModel.Compilation.Assembly)
            || implementation.TypeArguments.Any(t => t is ITypeParameterSymbol || t.TypeKind == TypeKind.Error))
        {
            return null;
        }

        try
        {
            var definition = implementation.OriginalDefinition;
            var spec = Parsed.GetValue(definition, t => new StrongBox<DecoratorSpec?>(new TypeParser(t, semanticModel.Compilation, cancellationToken).Parse())).Value;
            var serviceName = service.ToDisplayString(TypeFormat);
            if (spec is null || !spec.Interfaces.Contains(serviceName))
            {
                return null; // AddCached explains at start-up
            }

            var arguments = string.Join(", ", implementation.TypeArguments.Select(t => t.ToDisplayString(TypeFormat)));
            var ns = spec.Namespace is null ? "global::" : "global::" + spec.Namespace + ".";
            return new ClosedGenericRegistration(serviceName, implementation.ToDisplayString(TypeFormat), $"{ns}{spec.DecoratorName}<{arguments}>");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    private sealed class TypeParser(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        private readonly WellKnownTypes _types = Types.GetValue(compilation, static c => new WellKnownTypes(c));

        private INamedTypeSymbol? _cached => _types.Cached;

        private INamedTypeSymbol? _invalidates => _types.Invalidates;

        private INamedTypeSymbol? _invalidatesTag => _types.InvalidatesTag;

        private INamedTypeSymbol? _task => _types.Task;

        private INamedTypeSymbol? _taskOfT => _types.TaskOfT;

        private INamedTypeSymbol? _valueTask => _types.ValueTask;

        private INamedTypeSymbol? _valueTaskOfT => _types.ValueTaskOfT;

        private INamedTypeSymbol? _cancellationToken => _types.CancellationToken;
        private readonly HashSet<string> _stems = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, string> _displays =
            Displays.GetValue(compilation, static _ => new(SymbolEqualityComparer.IncludeNullability));

        private string Display(ITypeSymbol type) => _displays.GetOrAdd(type, static t => t.ToDisplayString(TypeFormat));

        public DecoratorSpec? Parse()
        {
            if (_cached is null || _invalidates is null || !IsDecoratable(type))
            {
                return null;
            }

            // Which interface members does a decorated method implement?
            var decoratedFor = InterfaceImplementations.Decorated(type, IsDecorated);

            if (decoratedFor.Count == 0)
            {
                return null; // [Cached] on a method that implements no interface member (CG0003)
            }

            var chosen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var member in decoratedFor.Keys)
            {
                var declaring = member.ContainingType;
                chosen.Add(declaring);
                foreach (var inherited in declaring.AllInterfaces)
                {
                    chosen.Add(inherited);
                }
            }

            var interfaces = chosen
                .Select(i => (Symbol: i, Name: Display(i)))
                .OrderBy(i => i.Name, StringComparer.Ordinal)
                .ToList();
            var members = new List<MemberSpec>();
            foreach (var (symbol, name) in interfaces)
            {
                if (!IsAccessibleFromNamespace(symbol))
                {
                    return null;
                }

                foreach (var member in symbol.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member.IsStatic)
                    {
                        if (member.IsAbstract || member.IsVirtual)
                        {
                            return null; // static abstract/virtual members cannot be forwarded
                        }

                        continue;
                    }

                    decoratedFor.TryGetValue(member, out var implementation);
                    var spec = ParseMember(member, name, implementation);
                    if (spec is null)
                    {
                        if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary } or ITypeSymbol)
                        {
                            continue; // accessors come with their property; nested types are not members to implement
                        }

                        return null;
                    }

                    members.Add(spec);
                }
            }

            var display = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            var typeParameters = type.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", type.TypeParameters.Select(t => Identifier(t.Name))) + ">";
            var hint = display.Replace("global::", string.Empty).Replace('<', '{').Replace('>', '}') + ".CachedDecorator.g.cs";
            return new DecoratorSpec(
                hint,
                ns,
                FreeName(type, DecoratorNameOf(type)),
                typeParameters,
                string.Concat(type.TypeParameters.Select(TypeConstraints)),
                display,
                type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat).Replace('<', '{').Replace('>', '}'),
                interfaces.Select(i => i.Name).ToEquatableArray(),
                members.ToEquatableArray(),
                type.TypeParameters.Length == 0 ? JsonContracts.For(_cachedResults, compilation) : EquatableArray<JsonContractSpec>.Empty);
        }

        private bool IsDecorated(IMethodSymbol method) =>
            method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _cached) || SymbolEqualityComparer.Default.Equals(a.AttributeClass, _invalidates)
                || SymbolEqualityComparer.Default.Equals(a.AttributeClass, _invalidatesTag));

        private static bool IsDecoratable(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsAbstract || type.IsFileLocal()
                || (type.IsGenericType && type.ContainingType is not null))
            {
                return false;
            }

            for (var container = type.ContainingType; container is not null; container = container.ContainingType)
            {
                if (container.IsGenericType)
                {
                    return false;
                }
            }

            return IsAccessibleFromNamespace(type);
        }

        private static bool IsAccessibleFromNamespace(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            foreach (var argument in type.TypeArguments)
            {
                if (argument is INamedTypeSymbol named && !IsAccessibleFromNamespace(named))
                {
                    return false;
                }
            }

            return true;
        }

        // A user type may already have the name: add a suffix until it is free in the namespace.
        private static string FreeName(INamedTypeSymbol type, string name)
        {
            var candidate = name;
            for (var i = 2; type.ContainingNamespace.GetTypeMembers(candidate).Length > 0; i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private static string DecoratorNameOf(INamedTypeSymbol type)
        {
            var names = new List<string>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                names.Insert(0, current.Name);
            }

            return string.Join("_", names) + "CachedDecorator";
        }

        private MemberSpec? ParseMember(ISymbol member, string interfaceName, IMethodSymbol? implementation)
        {
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    return ParseMethod(method, interfaceName, implementation);
                case IPropertySymbol property:
                    if (property.SetMethod is { IsInitOnly: true } || property.ReturnsByRef || property.ReturnsByRefReadonly)
                    {
                        return null;
                    }

                    return new MemberSpec(
                        property.IsIndexer ? MemberKind.Indexer : MemberKind.Property,
                        interfaceName,
                        Identifier(property.Name),
                        Display(property.Type),
                        string.Empty,
                        string.Empty,
                        string.Empty,
                        property.Parameters.Select(ToParameter).ToEquatableArray(),
                        property.GetMethod is not null,
                        property.SetMethod is not null,
                        ReturnShape.Other,
                        null,
                        null,
                        EquatableArray<KeySpec>.Empty,
                        Stem(property.Name));
                case IEventSymbol @event:
                    return new MemberSpec(MemberKind.Event, interfaceName, Identifier(@event.Name), Display(@event.Type), string.Empty, string.Empty, string.Empty, EquatableArray<ParameterSpec>.Empty, false, false, ReturnShape.Other, null, null, EquatableArray<KeySpec>.Empty, Stem(@event.Name));
                default:
                    return null;
            }
        }

        private MemberSpec? ParseMethod(IMethodSymbol method, string interfaceName, IMethodSymbol? implementation)
        {
            if (method.IsVararg)
            {
                return null;
            }

            var (shape, result) = ShapeOf(method);
            var parameters = method.Parameters.Select(ToParameter).ToEquatableArray();
            CachedSpec? cached = null;
            var invalidations = new List<KeySpec>();
            if (implementation is not null)
            {
                foreach (var attribute in implementation.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _cached))
                    {
                        cached = ParseCached(attribute, method, shape);
                    }
                    else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _invalidates)
                        || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _invalidatesTag))
                    {
                        var key = ParseKey(attribute.ConstructorArguments.FirstOrDefault().Value as string, method);
                        if (key is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _invalidatesTag))
                        {
                            key = key with { IsTag = true };
                        }

                        if (key is null || (shape == ReturnShape.Other && result is null) || !CanInvalidate(method, shape))
                        {
                            return null; // never drop an invalidation silently: no decorator at all (CG0001/CG0003 say why)
                        }

                        invalidations.Add(key!);
                    }
                }
            }

            return new MemberSpec(
                MemberKind.Method,
                interfaceName,
                Identifier(method.Name),
                method.ReturnsVoid ? "void" : Display(method.ReturnType),
                method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty,
                method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => Identifier(t.Name))) + ">",
                ExplicitConstraints(method),
                parameters,
                false,
                false,
                shape,
                result,
                cached,
                invalidations.ToEquatableArray(),
                Stem(method.Name));
        }

        private static bool CanInvalidate(IMethodSymbol method, ReturnShape shape)
        {
            if (method.ReturnsByRef || method.ReturnsByRefReadonly || method.IsGenericMethod)
            {
                return false;
            }

            // Async bodies cannot have ref/out/in parameters or ref-like types.
            var isAsync = shape is ReturnShape.Task or ReturnShape.TaskOfT or ReturnShape.ValueTask or ReturnShape.ValueTaskOfT;
            return !isAsync || method.Parameters.All(p => p.RefKind == RefKind.None && !p.Type.IsRefLikeType);
        }

        // The result types of the cached methods, for their JSON contracts.
        private readonly List<ITypeSymbol> _cachedResults = new();

        private CachedSpec? ParseCached(AttributeData attribute, IMethodSymbol method, ReturnShape shape)
        {
            if (shape is not (ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT) || method.IsGenericMethod || method.ReturnsByRef
                || method.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType))
            {
                return null;
            }

            var ttl = 300;
            var jitter = 10;
            var stale = 0;
            var local = 0;
            var explicitSettings = new List<string>();
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Value.Kind == TypedConstantKind.Array || argument.Value.Value is not int value)
                {
                    continue; // Tags, read below
                }

                switch (argument.Key)
                {
                    case "TtlSeconds": ttl = value; break;
                    case "JitterPercent": jitter = value; break;
                    case "StaleSeconds": stale = value; break;
                    case "LocalTtlSeconds": local = value; break;
                    default: continue;
                }

                explicitSettings.Add(argument.Key);
            }

            if (ttl <= 0 || jitter is < 0 or > 50 || stale < 0 || local < 0)
            {
                return null; // CG0005
            }

            var key = ParseKey(attribute.ConstructorArguments.FirstOrDefault().Value as string, method);
            if (key is null)
            {
                return null;
            }

            // Tags are rendered from the key's arguments (an entry's tags follow from its key): each tag placeholder
            // must be one of the key's. Anything else is CG0010, and the method is not decorated.
            var tags = new List<KeySpec>();
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key != "Tags" || argument.Value.IsNull)
                {
                    continue;
                }

                if (argument.Value.Kind != TypedConstantKind.Array || argument.Value.Values.Length > 32)
                {
                    return null;
                }

                foreach (var value in argument.Value.Values)
                {
                    var tag = ParseKey(value.Value as string, method);
                    if (tag is null || tag.Parts.Any(part => !key.Parts.Any(k => k.Expression == part.Expression && k.FormatCast == part.FormatCast)))
                    {
                        return null;
                    }

                    tags.Add(tag);
                }
            }

            if (method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } returned)
            {
                _cachedResults.Add(returned.TypeArguments[0]);
            }

            return new CachedSpec(key.Template, ttl, jitter, stale, local, key, tags.ToEquatableArray(), explicitSettings.ToEquatableArray());
        }

        private KeySpec? ParseKey(string? template, IMethodSymbol method)
        {
            var placeholders = KeyTemplateSyntax.TryGetPlaceholders(template);
            if (placeholders is null)
            {
                return null;
            }

            var parts = new List<KeyPartSpec>();
            foreach (var placeholder in placeholders)
            {
                var part = BindPlaceholder(placeholder, method);
                if (part is null)
                {
                    return null;
                }

                parts.Add(part);
            }

            return new KeySpec(template!, parts.ToEquatableArray());
        }

        private KeyPartSpec? BindPlaceholder(string placeholder, IMethodSymbol method)
        {
            var segments = placeholder.Split('.');
            var first = segments[0].TrimStart('@');
            var parameter = method.Parameters.FirstOrDefault(p => p.Name == first);
            if (parameter is null || SymbolEqualityComparer.Default.Equals(parameter.Type, _cancellationToken))
            {
                return null;
            }

            var expression = Identifier(parameter.Name);
            var current = parameter.Type;
            var conditional = false;
            for (var i = 1; i < segments.Length; i++)
            {
                var lookup = current;
                // '?.' where the value may be null: a nullable value type, or a reference type not declared non-null.
                // (A declared non-null parameter is trusted: '?.' on it would make the compiler doubt it afterwards.)
                if ((current.IsReferenceType && current.NullableAnnotation != NullableAnnotation.NotAnnotated) || KeyPartTypes.IsNullableValue(current, out _))
                {
                    expression += "?.";
                    conditional = true;
                    if (KeyPartTypes.IsNullableValue(current, out var underlying))
                    {
                        lookup = underlying;
                    }
                }
                else
                {
                    expression += ".";
                }

                var member = DeclaredMembers.FindMember(lookup, segments[i], compilation) ?? KeyPartTypes.FindMember(lookup, segments[i]);
                if (member is null)
                {
                    return null;
                }

                expression += Identifier(segments[i]);
                current = member;
            }

            var valueType = KeyPartTypes.IsNullableValue(current, out var inner) ? inner : current;
            var isNullable = conditional || KeyPartTypes.IsNullableValue(current, out _) || current.IsReferenceType;
            if (!KeyPartTypes.IsFormattable(valueType, out var cast))
            {
                return null;
            }

            var typeName = Display(valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
            if (isNullable)
            {
                typeName += "?";
                if (cast.Length > 0)
                {
                    cast = cast.Insert(cast.Length - 1, "?");
                }
            }

            return new KeyPartSpec(placeholder, expression, typeName, cast, KeyPartTypes.IsEqualityCoarserThanText(valueType));
        }

        private (ReturnShape Shape, string? Result) ShapeOf(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return (ReturnShape.Void, null);
            }

            var returnType = method.ReturnType as INamedTypeSymbol;
            var original = returnType?.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(returnType, _task))
            {
                return (ReturnShape.Task, null);
            }

            if (SymbolEqualityComparer.Default.Equals(returnType, _valueTask))
            {
                return (ReturnShape.ValueTask, null);
            }

            if (SymbolEqualityComparer.Default.Equals(original, _taskOfT))
            {
                return (ReturnShape.TaskOfT, Display(returnType!.TypeArguments[0]));
            }

            if (SymbolEqualityComparer.Default.Equals(original, _valueTaskOfT))
            {
                return (ReturnShape.ValueTaskOfT, Display(returnType!.TypeArguments[0]));
            }

            return method.ReturnsByRef || method.ReturnsByRefReadonly || method.ReturnType.IsRefLikeType
                ? (ReturnShape.Other, null)
                : (ReturnShape.Other, Display(method.ReturnType));
        }

        private ParameterSpec ToParameter(IParameterSymbol parameter)
        {
            var modifier = parameter.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => "in ",
                _ => parameter.IsParams ? "params " : string.Empty,
            };
            return new ParameterSpec(
                Identifier(parameter.Name),
                Display(parameter.Type),
                modifier,
                SymbolEqualityComparer.Default.Equals(parameter.Type, _cancellationToken));
        }

        // The full constraint clause of a generic implementation class's type parameter, repeated on its decorator.
        private string TypeConstraints(ITypeParameterSymbol parameter)
        {
            var parts = new List<string>();
            if (parameter.HasReferenceTypeConstraint)
            {
                parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            }
            else if (parameter.HasUnmanagedTypeConstraint)
            {
                parts.Add("unmanaged");
            }
            else if (parameter.HasValueTypeConstraint)
            {
                parts.Add("struct");
            }
            else if (parameter.HasNotNullConstraint)
            {
                parts.Add("notnull");
            }

            parts.AddRange(parameter.ConstraintTypes.Select(Display));
            if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint)
            {
                parts.Add("new()");
            }

            return parts.Count == 0 ? string.Empty : $" where {Identifier(parameter.Name)} : {string.Join(", ", parts)}";
        }

        private static string ExplicitConstraints(IMethodSymbol method)
        {
            var clauses = new List<string>();
            foreach (var parameter in method.TypeParameters)
            {
                if (parameter.HasReferenceTypeConstraint)
                {
                    clauses.Add($" where {Identifier(parameter.Name)} : class");
                }
                else if (parameter.HasValueTypeConstraint || parameter.HasUnmanagedTypeConstraint)
                {
                    clauses.Add($" where {Identifier(parameter.Name)} : struct");
                }
                else if (MentionsAnnotated(method, parameter))
                {
                    clauses.Add($" where {Identifier(parameter.Name)} : default");
                }
            }

            return string.Concat(clauses);
        }

        private static bool MentionsAnnotated(IMethodSymbol method, ITypeParameterSymbol parameter)
        {
            bool Visit(ITypeSymbol type) => type switch
            {
                ITypeParameterSymbol p => SymbolEqualityComparer.Default.Equals(p, parameter) && p.NullableAnnotation == NullableAnnotation.Annotated,
                IArrayTypeSymbol array => Visit(array.ElementType),
                INamedTypeSymbol named => named.TypeArguments.Any(Visit),
                _ => false,
            };

            return Visit(method.ReturnType) || method.Parameters.Any(p => Visit(p.Type));
        }

        private string Stem(string name)
        {
            var stem = char.ToLowerInvariant(name[0]) + name.Substring(1);
            var unique = stem;
            for (var i = 2; !_stems.Add(unique); i++)
            {
                unique = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return unique;
        }

        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || name == "value"
                ? "@" + name
                : name;
    }

    private static bool IsFileLocal(this INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.Text == "file"));
}
