using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG0002: [Cached] on a method that does not return Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CachedReturnTypeAnalyzer : AttributeRuleAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CachedReturnType);

    /// <inheritdoc/>
    protected override void AnalyzeMethod(SymbolAnalysisContext context, IMethodSymbol method, CacheGenSymbols symbols)
    {
        if (!method.GetAttributes().Any(symbols.IsCached) || symbols.ResultType(method) is not null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CachedReturnType,
            KeyTemplateBinding.ReturnTypeLocation(method, context.CancellationToken),
            method.Name,
            method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
    }
}
