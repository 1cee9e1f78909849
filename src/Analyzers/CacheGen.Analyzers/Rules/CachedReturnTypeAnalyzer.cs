using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG0002: [Cached] on a method that does not return Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CachedReturnTypeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CachedReturnType);

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
                if (!method.GetAttributes().Any(symbols.IsCached) || symbols.ResultType(method) is not null)
                {
                    return;
                }

                var location = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(c.CancellationToken) is MethodDeclarationSyntax declaration
                    ? declaration.ReturnType.GetLocation()
                    : method.Locations.FirstOrDefault();
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.CachedReturnType, location, method.Name, method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }, SymbolKind.Method);
        });
    }
}
