using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CacheGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG0004: a [Cached] parameter that is neither in the key nor marked [NotCacheKey].</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParameterNotInKeyAnalyzer : AttributeRuleAnalyzer
{
    /// <summary>Diagnostic property with the parameter's name, for the code fixes.</summary>
    public const string ParameterName = nameof(ParameterName);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ParameterNotInKey);

    /// <inheritdoc/>
    protected override void AnalyzeMethod(SymbolAnalysisContext context, IMethodSymbol method, CacheGenSymbols symbols)
    {
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

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ParameterNotInKey,
                parameter.Locations.FirstOrDefault(),
                ImmutableDictionary<string, string?>.Empty.Add(ParameterName, parameter.Name),
                parameter.Name,
                template));
        }
    }
}
