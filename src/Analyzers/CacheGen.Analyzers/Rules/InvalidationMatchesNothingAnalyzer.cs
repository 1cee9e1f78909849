using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using CacheGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG0006: an [InvalidatesCache] template whose shape no [Cached] template in the compilation has. CG0011: an
/// [InvalidatesCacheTag] tag whose shape no [Cached] method declares in its Tags.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidationMatchesNothingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InvalidationMatchesNothing, Descriptors.TagMatchesNothing);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CacheGenSymbols.For(start.Compilation) is not { } symbols || symbols.Cached is null)
            {
                return;
            }

            // The whole compilation must be seen before a template can be said to match nothing.
            var cachedShapes = new ConcurrentDictionary<string, byte>(System.StringComparer.Ordinal);
            var tagShapes = new ConcurrentDictionary<string, byte>(System.StringComparer.Ordinal);
            var invalidations = new ConcurrentBag<(DiagnosticDescriptor Rule, string Template, string Shape, Location Location)>();
            start.RegisterSymbolAction(c =>
            {
                foreach (var attribute in c.Symbol.GetAttributes())
                {
                    // Only CacheGen's attributes: others (params arrays, data attributes) are none of this rule's business.
                    if (symbols.IsCached(attribute))
                    {
                        if (KeyTemplateSyntax.ShapeOf(KeyTemplateBinding.TemplateOf(attribute)) is { } shape)
                        {
                            cachedShapes.TryAdd(shape, 0);
                        }

                        foreach (var tag in KeyTemplateBinding.TagsOf(attribute) ?? ImmutableArray<string?>.Empty)
                        {
                            if (KeyTemplateSyntax.ShapeOf(tag) is { } tagShape)
                            {
                                tagShapes.TryAdd(tagShape, 0);
                            }
                        }
                    }
                    else if ((symbols.IsInvalidatesCache(attribute) || symbols.IsInvalidatesCacheTag(attribute))
                        && KeyTemplateBinding.TemplateOf(attribute) is { } template && KeyTemplateSyntax.ShapeOf(template) is { } shape)
                    {
                        var syntax = KeyTemplateBinding.SyntaxOf(attribute, c.CancellationToken);
                        var rule = symbols.IsInvalidatesCache(attribute) ? Descriptors.InvalidationMatchesNothing : Descriptors.TagMatchesNothing;
                        invalidations.Add((rule, template, shape, KeyTemplateBinding.TemplateExpression(syntax)?.GetLocation() ?? syntax?.GetLocation() ?? Location.None));
                    }
                }
            }, SymbolKind.Method);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (rule, template, shape, location) in invalidations.OrderBy(i => i.Location.SourceSpan.Start))
                {
                    var declared = rule == Descriptors.InvalidationMatchesNothing ? cachedShapes : tagShapes;
                    if (!declared.ContainsKey(shape))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(rule, location, template, shape));
                    }
                }
            });
        });
    }
}
