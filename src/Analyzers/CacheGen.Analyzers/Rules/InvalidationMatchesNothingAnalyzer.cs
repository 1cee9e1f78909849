using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using CacheGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG0006: an [InvalidatesCache] template whose shape no [Cached] template in the compilation has.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidationMatchesNothingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InvalidationMatchesNothing);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CacheGenSymbols.For(start.Compilation) is not { } symbols || symbols.Cached is null || symbols.InvalidatesCache is null)
            {
                return;
            }

            // The whole compilation must be seen before a template can be said to match nothing.
            var cachedShapes = new ConcurrentDictionary<string, byte>(System.StringComparer.Ordinal);
            var invalidations = new ConcurrentBag<(string Template, string Shape, Location Location)>();
            start.RegisterSymbolAction(c =>
            {
                foreach (var attribute in c.Symbol.GetAttributes())
                {
                    // Only CacheGen's attributes: others (params arrays, data attributes) are none of this rule's business.
                    if (!symbols.IsCached(attribute) && !symbols.IsInvalidatesCache(attribute))
                    {
                        continue;
                    }

                    var template = KeyTemplateBinding.TemplateOf(attribute);
                    var shape = KeyTemplateSyntax.ShapeOf(template);
                    if (shape is null)
                    {
                        continue;
                    }

                    if (symbols.IsCached(attribute))
                    {
                        cachedShapes.TryAdd(shape, 0);
                    }
                    else if (symbols.IsInvalidatesCache(attribute))
                    {
                        var syntax = KeyTemplateBinding.SyntaxOf(attribute, c.CancellationToken);
                        invalidations.Add((template!, shape, KeyTemplateBinding.TemplateExpression(syntax)?.GetLocation() ?? syntax?.GetLocation() ?? Location.None));
                    }
                }
            }, SymbolKind.Method);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (template, shape, location) in invalidations.OrderBy(i => i.Location.SourceSpan.Start))
                {
                    if (!cachedShapes.ContainsKey(shape))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidationMatchesNothing, location, template, shape));
                    }
                }
            });
        });
    }
}
