using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CacheGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CacheGen.Generator;

/// <summary>
/// Writes a caching decorator for every class with <c>[Cached]</c> or <c>[InvalidatesCache]</c> methods:
/// attribute → equatable model (<see cref="Parser"/>) → text (<see cref="Emitter"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CachedDecoratorGenerator : IIncrementalGenerator
{
    internal const string CachedAttribute = "CacheGen.CachedAttribute";
    internal const string InvalidatesCacheAttribute = "CacheGen.InvalidatesCacheAttribute";
    internal const string InvalidatesCacheTagAttribute = "CacheGen.InvalidatesCacheTagAttribute";

    /// <summary>The lowest C# version the generated code compiles with.</summary>
    internal const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp9;

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var cached = context.SyntaxProvider
            .ForAttributeWithMetadataName(CachedAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.CachedMethods);
        var invalidating = context.SyntaxProvider
            .ForAttributeWithMetadataName(InvalidatesCacheAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.InvalidatingMethods);
        var invalidatingTags = context.SyntaxProvider
            .ForAttributeWithMetadataName(InvalidatesCacheTagAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.TagInvalidatingMethods);
        var languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => ((CSharpParseOptions)options).LanguageVersion)
            .WithTrackingName(TrackingNames.LanguageVersion);

        var decorators = cached.Collect()
            .Combine(invalidating.Collect())
            .Combine(invalidatingTags.Collect())
            .SelectMany(static (pair, _) => Distinct(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.Decorators);

        context.RegisterSourceOutput(decorators.Combine(languageVersion), static (spc, pair) =>
        {
            if (pair.Right >= MinimumLanguageVersion)
            {
                spc.AddSource(pair.Left.HintName, Emitter.Emit(pair.Left));
            }
        });

        // Closed forms of generic implementation classes, as this project names them in AddCached<TService, TImplementation>.
        // Files are chosen by their text before any syntax is walked: a syntax provider would visit every node of every
        // file, method bodies included, which cost more than the rest of the generator on a 500-class project. A file is
        // searched again only when it changed (an unchanged tree is the same object in the next compilation).
        var registrationFiles = context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees)
            .Where(static tree => MentionsAddCached(tree))
            .WithTrackingName(TrackingNames.RegistrationFiles);
        var closedGenerics = registrationFiles.Collect()
            .Combine(context.CompilationProvider)
            .Select(static (pair, ct) => Parser.ParseRegistrations(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.ClosedGenericRegistrations);
        context.RegisterSourceOutput(closedGenerics.Combine(languageVersion), static (spc, pair) =>
        {
            if (pair.Left.Count > 0 && pair.Right >= MinimumLanguageVersion)
            {
                spc.AddSource("CacheGen.ClosedGenericDecoratorRegistrations.g.cs", Emitter.EmitClosedGenericRegistrations(pair.Left));
            }
        });

        // CG9001, once, at the first CacheGen attribute, only when the language version is too low. The compilation
        // is consulted only in that case, so the check costs nothing on ordinary edits.
        context.RegisterSourceOutput(languageVersion.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            if (pair.Left >= MinimumLanguageVersion)
            {
                return;
            }

            var attribute = FirstCacheGenAttribute(pair.Right, spc.CancellationToken);
            if (attribute is not null)
            {
                spc.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.LanguageVersionTooLow, attribute.GetLocation(), pair.Left.ToDisplayString()));
            }
        });
    }

    private static bool MentionsAddCached(SyntaxTree tree)
    {
        // A tree parsed from text keeps it, and ToString of a whole StringText is the string it was made from: no copy.
        var text = tree.TryGetText(out var kept) ? kept : tree.GetText();
        return text.ToString().IndexOf("AddCached", System.StringComparison.Ordinal) >= 0;
    }

    /// <summary>An <c>AddCached&lt;TService, TImplementation&gt;</c> call written with both type arguments.</summary>
    internal static bool IsAddCachedWithTypeArguments(SyntaxNode node) => node is InvocationExpressionSyntax
    {
        Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "AddCached", TypeArgumentList.Arguments.Count: 2 } }
            or GenericNameSyntax { Identifier.ValueText: "AddCached", TypeArgumentList.Arguments.Count: 2 },
    };

    private static AttributeSyntax? FirstCacheGenAttribute(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var cached = compilation.GetTypeByMetadataName(CachedAttribute);
        var invalidates = compilation.GetTypeByMetadataName(InvalidatesCacheAttribute);
        var invalidatesTag = compilation.GetTypeByMetadataName(InvalidatesCacheTagAttribute);
        foreach (var tree in compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var attribute in tree.GetRoot(cancellationToken).DescendantNodes().OfType<AttributeSyntax>())
            {
                var name = attribute.Name.ToString();
                if (!name.Contains("Cached") && !name.Contains("InvalidatesCache"))
                {
                    continue;
                }

                model ??= compilation.GetSemanticModel(tree);
                var type = model.GetSymbolInfo(attribute, cancellationToken).Symbol?.ContainingType;
                if (SymbolEqualityComparer.Default.Equals(type, cached) || SymbolEqualityComparer.Default.Equals(type, invalidates) || SymbolEqualityComparer.Default.Equals(type, invalidatesTag))
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    private static ImmutableArray<DecoratorSpec> Distinct(ImmutableArray<DecoratorSpec?> cached, ImmutableArray<DecoratorSpec?> invalidating, ImmutableArray<DecoratorSpec?> invalidatingTags)
    {
        var byHint = new SortedDictionary<string, DecoratorSpec>(System.StringComparer.Ordinal);
        foreach (var decorator in cached.Concat(invalidating).Concat(invalidatingTags))
        {
            if (decorator is not null && !byHint.ContainsKey(decorator.HintName))
            {
                byHint.Add(decorator.HintName, decorator);
            }
        }

        return byHint.Values.ToImmutableArray();
    }
}
