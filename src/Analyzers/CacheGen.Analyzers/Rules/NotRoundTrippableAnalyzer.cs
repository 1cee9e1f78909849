using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG0007: a cached result type that cannot survive serialization to Redis and back.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NotRoundTrippableAnalyzer : DiagnosticAnalyzer
{
    // Interfaces System.Text.Json reads back into a concrete collection by itself.
    private static readonly ImmutableHashSet<string> ReadableCollections = ImmutableHashSet.Create(
        "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.IList`1",
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.ISet`1",
        "System.Collections.Generic.IReadOnlySet`1");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NotRoundTrippable);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CacheGenSymbols.For(start.Compilation) is not { } symbols)
            {
                return;
            }

            // Resolved the first time a cached method is seen: most compilations have few, and some none.
            var contract = new System.Lazy<JsonContract>(() => new JsonContract(start.Compilation));
            // One answer per result type: a type is usually returned by several cached methods.
            var problems = new System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, string?>(SymbolEqualityComparer.Default);
            var types = new System.Lazy<(INamedTypeSymbol? Stream, INamedTypeSymbol? Queryable)>(() =>
                (start.Compilation.GetTypeByMetadataName("System.IO.Stream"), start.Compilation.GetTypeByMetadataName("System.Linq.IQueryable")));
            start.RegisterSymbolAction(c =>
            {
                var method = (IMethodSymbol)c.Symbol;
                if (!method.GetAttributes().Any(symbols.IsCached) || symbols.ResultType(method) is not { } result)
                {
                    return;
                }

                // The type graph is checked against System.Text.Json's contract unless the project says its values go
                // through another serializer (cachegen.serializer = custom in .editorconfig).
                var problem = Problem(result, types.Value.Stream, types.Value.Queryable, depth: 0);
                if (problem is null && !UsesOtherSerializer(c, method))
                {
                    problem = problems.GetOrAdd(result, t => contract.Value.Problem(t));
                }

                if (problem is not null)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.NotRoundTrippable, KeyTemplateBinding.ReturnTypeLocation(method, c.CancellationToken), result.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), problem));
                }
            }, SymbolKind.Method);

            // A declared IEnumerable<T> whose returned value is a LINQ query that has not run: it would be enumerated
            // only when serialized, after the loader (and its DbContext) has gone.
            start.RegisterOperationBlockAction(c =>
            {
                if (c.OwningSymbol is not IMethodSymbol method || !method.GetAttributes().Any(symbols.IsCached)
                    || symbols.ResultType(method) is not INamedTypeSymbol { TypeKind: TypeKind.Interface } result
                    || MetadataName(result) != "System.Collections.Generic.IEnumerable`1")
                {
                    return;
                }

                foreach (var returned in c.OperationBlocks.SelectMany(b => b.DescendantsAndSelf()).OfType<IReturnOperation>())
                {
                    if (returned.ReturnedValue is { } value && DeferredQuery(value) is { } query)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.NotRoundTrippable, query.Syntax.GetLocation(), result.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                            "the value returned is a LINQ query that runs only when it is serialized, after the loader has returned; materialize it (ToList/ToListAsync)"));
                    }
                }
            });
        });
    }

    private static bool UsesOtherSerializer(SymbolAnalysisContext context, IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.FirstOrDefault() is { } reference
        && context.Options.AnalyzerConfigOptionsProvider.GetOptions(reference.SyntaxTree).TryGetValue("cachegen.serializer", out var serializer)
        && !string.Equals(serializer.Trim(), "system.text.json", System.StringComparison.OrdinalIgnoreCase);

    private static IOperation? DeferredQuery(IOperation value)
    {
        value = value.WithoutConversions();
        if (value is IAwaitOperation await)
        {
            value = await.Operation.WithoutConversions();
        }

        // Task.FromResult(query), ValueTask.FromResult(query), new ValueTask<T>(query)
        if (value is IInvocationOperation { TargetMethod.Name: "FromResult", Arguments.Length: 1 } fromResult)
        {
            value = fromResult.Arguments[0].Value.WithoutConversions();
        }
        else if (value is IObjectCreationOperation { Arguments.Length: 1 } creation && creation.Type?.Name == "ValueTask")
        {
            value = creation.Arguments[0].Value.WithoutConversions();
        }

        return value is IInvocationOperation { TargetMethod.ContainingType: { Name: "Enumerable" or "Queryable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } } } query
            && query.TargetMethod.ReturnType.TypeKind == TypeKind.Interface
            && query.TargetMethod.ReturnType.Name is "IEnumerable" or "IOrderedEnumerable" or "IQueryable" or "IOrderedQueryable"
                ? value
                : null;
    }

    private static string? Problem(ITypeSymbol type, INamedTypeSymbol? stream, INamedTypeSymbol? queryable, int depth)
    {
        if (depth > 3)
        {
            return null;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return "a delegate is code, not data";
        }

        if (queryable is not null && (SymbolEqualityComparer.Default.Equals(type, queryable) || type.AllInterfaces.Contains(queryable, SymbolEqualityComparer.Default)))
        {
            return "IQueryable is a query that has not run; cache its materialized result (ToListAsync)";
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, stream))
            {
                return "a stream is a position in bytes that are read once; cache the bytes or the parsed value";
            }
        }

        if (type is INamedTypeSymbol named)
        {
            var definition = MetadataName(named);
            if (type.TypeKind == TypeKind.Interface && ReadableCollections.Contains(definition))
            {
                return named.TypeArguments.Select(a => Problem(a, stream, queryable, depth + 1)).FirstOrDefault(p => p is not null);
            }

            if ((type.TypeKind == TypeKind.Interface || type.IsAbstract) && type.SpecialType != SpecialType.System_Object && !IsPolymorphic(type))
            {
                return $"{(type.TypeKind == TypeKind.Interface ? "an interface" : "an abstract type")} has no concrete type to read back into; return a concrete type, or declare its subtypes with [JsonDerivedType]";
            }

            if (named.IsGenericType && named.AllInterfaces.Any(i => MetadataName(i) == "System.Collections.Generic.IEnumerable`1"))
            {
                return named.TypeArguments.Select(a => Problem(a, stream, queryable, depth + 1)).FirstOrDefault(p => p is not null);
            }
        }

        return null;
    }

    private static bool IsPolymorphic(ITypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.Name is "JsonDerivedTypeAttribute" or "JsonPolymorphicAttribute");

    private static string MetadataName(INamedTypeSymbol type) =>
        type.OriginalDefinition.ContainingNamespace.ToDisplayString() + "." + type.OriginalDefinition.MetadataName;
}
