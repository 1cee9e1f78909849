using System.Collections.Immutable;
using CacheGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG0001: a key template that is malformed or has a placeholder naming no parameter or member.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnknownPlaceholderAnalyzer : AttributeRuleAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UnknownPlaceholder);

    /// <inheritdoc/>
    protected override void AnalyzeMethod(SymbolAnalysisContext context, IMethodSymbol method, CacheGenSymbols symbols)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (!symbols.IsCached(attribute) && !symbols.IsInvalidatesCache(attribute))
            {
                continue;
            }

            var template = KeyTemplateBinding.TemplateOf(attribute);
            var syntax = KeyTemplateBinding.SyntaxOf(attribute, context.CancellationToken);
            if (template is null)
            {
                continue; // a non-constant argument is the compiler's error
            }

            if (!KeyTemplateSyntax.TryParse(template, out var placeholders, out var error, out var position))
            {
                var length = template.Length == 0 ? 0 : 1;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnknownPlaceholder, KeyTemplateBinding.LocationIn(syntax, template, position, length), template, error));
                continue;
            }

            foreach (var placeholder in placeholders)
            {
                if (KeyTemplateBinding.Bind(method, placeholder.Path) is null)
                {
                    var first = placeholder.Path.Split('.')[0].TrimStart('@');
                    var reason = System.Linq.Enumerable.Any(method.Parameters, p => p.Name == first)
                        ? $"'{{{placeholder.Path}}}' names no readable property or field of '{first}'"
                        : $"'{{{placeholder.Path}}}' names no parameter of '{method.Name}'";
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.UnknownPlaceholder,
                        KeyTemplateBinding.LocationIn(syntax, template, placeholder.Start, placeholder.Length),
                        template,
                        reason));
                }
            }
        }
    }
}
