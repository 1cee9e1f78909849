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
        var languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => ((CSharpParseOptions)options).LanguageVersion)
            .WithTrackingName(TrackingNames.LanguageVersion);

        var decorators = cached.Collect()
            .Combine(invalidating.Collect())
            .SelectMany(static (pair, _) => Distinct(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Decorators);

        context.RegisterSourceOutput(decorators.Combine(languageVersion), static (spc, pair) =>
        {
            if (pair.Right >= MinimumLanguageVersion)
            {
                spc.AddSource(pair.Left.HintName, Emitter.Emit(pair.Left));
            }
        });

        // CG9001, once, at the first decorated method, only when the language version is too low.
        var firstAttribute = cached.Collect()
            .Combine(invalidating.Collect())
            .Select(static (pair, _) => pair.Left.Concat(pair.Right).Select(m => m.AttributeLocation).FirstOrDefault(l => l is not null));
        context.RegisterSourceOutput(firstAttribute.Combine(languageVersion), static (spc, pair) =>
        {
            if (pair.Left is not null && pair.Right < MinimumLanguageVersion)
            {
                spc.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.LanguageVersionTooLow, pair.Left.ToLocation(), pair.Right.ToDisplayString()));
            }
        });
    }

    private static ImmutableArray<DecoratorSpec> Distinct(ImmutableArray<DecoratedMethod> cached, ImmutableArray<DecoratedMethod> invalidating)
    {
        var byHint = new SortedDictionary<string, DecoratorSpec>(System.StringComparer.Ordinal);
        foreach (var method in cached.Concat(invalidating))
        {
            if (method.Decorator is { } decorator && !byHint.ContainsKey(decorator.HintName))
            {
                byHint.Add(decorator.HintName, decorator);
            }
        }

        return byHint.Values.ToImmutableArray();
    }
}
