using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG0005: TtlSeconds, JitterPercent, StaleSeconds or LocalTtlSeconds out of range.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidNumbersAnalyzer : AttributeRuleAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InvalidNumbers);

    /// <inheritdoc/>
    protected override void AnalyzeMethod(SymbolAnalysisContext context, IMethodSymbol method, CacheGenSymbols symbols)
    {
        foreach (var attribute in method.GetAttributes().Where(symbols.IsCached))
        {
            var syntax = KeyTemplateBinding.SyntaxOf(attribute, context.CancellationToken);
            foreach (var argument in attribute.NamedArguments)
            {
                // Tags is an array: its Value would throw.
                if (argument.Value.Kind == TypedConstantKind.Array || argument.Value.Value is not int value || Problem(argument.Key, value) is not { } problem)
                {
                    continue;
                }

                var location = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == argument.Key)?.GetLocation()
                    ?? syntax?.GetLocation() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidNumbers, location, argument.Key, value, problem));
            }
        }
    }

    private static string? Problem(string name, int value) => name switch
    {
        "TtlSeconds" when value <= 0 => "a value must stay fresh for at least one second",
        "JitterPercent" when value is < 0 or > 50 => "jitter is a percentage between 0 and 50",
        "StaleSeconds" when value < 0 => "the stale window cannot be negative",
        "LocalTtlSeconds" when value < 0 => "the local copy's lifetime cannot be negative (0 turns L1 off)",
        _ => null,
    };
}
