using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// The shape shared by the rules about CacheGen's own attributes: skip generated code, run concurrently, resolve the
/// attribute types once per compilation (and do nothing where CacheGen is not referenced), then look at each method.
/// </summary>
public abstract class AttributeRuleAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CacheGenSymbols.For(start.Compilation) is { } symbols)
            {
                start.RegisterSymbolAction(c => AnalyzeMethod(c, (IMethodSymbol)c.Symbol, symbols), SymbolKind.Method);
            }
        });
    }

    /// <summary>Looks at one method of a compilation that references CacheGen.</summary>
    protected abstract void AnalyzeMethod(SymbolAnalysisContext context, IMethodSymbol method, CacheGenSymbols symbols);
}
