using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CacheGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG0004: a [Cached] parameter that is neither in the key nor marked [NotCacheKey].</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParameterNotInKeyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property with the parameter's name, for the code fixes.</summary>
    public const string ParameterName = nameof(ParameterName);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ParameterNotInKey);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CacheGenSymbols.For(start.Compilation) is not { } symbols)
            {
                return;
            }

            start.RegisterSymbolAction(c =>
            {
                var method = (IMethodSymbol)c.Symbol;
                var attribute = method.GetAttributes().FirstOrDefault(symbols.IsCached);
                var template = attribute is null ? null : KeyTemplateBinding.TemplateOf(attribute);
                if (template is null || !KeyTemplateSyntax.TryParse(template, out var placeholders, out _, out _))
                {
                    return; // no key to compare with, or CG0001 already says the template is wrong
                }

                var used = new HashSet<string>(placeholders.Select(p => p.Path.Split('.')[0].TrimStart('@')), System.StringComparer.Ordinal);
                foreach (var parameter in method.Parameters)
                {
                    if (used.Contains(parameter.Name) || symbols.IsCancellationToken(parameter.Type)
                        || parameter.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.NotCacheKey)))
                    {
                        continue;
                    }

                    c.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.ParameterNotInKey,
                        parameter.Locations.FirstOrDefault(),
                        ImmutableDictionary<string, string?>.Empty.Add(ParameterName, parameter.Name),
                        parameter.Name,
                        template));
                }
            }, SymbolKind.Method);
        });
    }
}
