using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CacheGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG0010: a tag template that is malformed or names nothing — a placeholder naming no parameter or member, or, on
/// [Cached], one that is not a placeholder of the key (an entry's tags are rendered from its key).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidTagAnalyzer : AttributeRuleAnalyzer
{
    /// <summary>Most tags one cached method may declare (the runtime's limit).</summary>
    private const int MaxTags = 32;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InvalidTag);

    /// <inheritdoc/>
    protected override void AnalyzeMethod(SymbolAnalysisContext context, IMethodSymbol method, CacheGenSymbols symbols)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (symbols.IsInvalidatesCacheTag(attribute))
            {
                var syntax = KeyTemplateBinding.SyntaxOf(attribute, context.CancellationToken);
                if (KeyTemplateBinding.TemplateOf(attribute) is { } tag)
                {
                    Check(context, method, tag, KeyTemplateBinding.TemplateExpression(syntax), syntax, keyPaths: null);
                }
            }
            else if (symbols.IsCached(attribute) && KeyTemplateBinding.TagsOf(attribute) is { } tags)
            {
                var syntax = KeyTemplateBinding.SyntaxOf(attribute, context.CancellationToken);
                var key = KeyTemplateBinding.TemplateOf(attribute);
                if (!KeyTemplateSyntax.TryParse(key, out var keyPlaceholders, out _, out _))
                {
                    continue; // CG0001 says what is wrong with the key
                }

                var keyPaths = new HashSet<string>(keyPlaceholders.Select(p => Normalize(p.Path)), System.StringComparer.Ordinal);
                if (tags.Length > MaxTags)
                {
                    Report(context, syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Tags")?.GetLocation() ?? syntax?.GetLocation(), $"{tags.Length} tags", $"a cached method may declare at most {MaxTags} tags");
                    continue;
                }

                for (var i = 0; i < tags.Length; i++)
                {
                    var expression = KeyTemplateBinding.TagExpression(syntax, i);
                    if (tags[i] is not { } tag)
                    {
                        Report(context, expression?.GetLocation() ?? syntax?.GetLocation(), "null", "a tag must be a template string");
                        continue;
                    }

                    Check(context, method, tag, expression, syntax, keyPaths, key);
                }
            }
        }
    }

    private static void Check(SymbolAnalysisContext context, IMethodSymbol method, string tag, ExpressionSyntax? expression, AttributeSyntax? syntax, HashSet<string>? keyPaths, string? key = null)
    {
        if (!KeyTemplateSyntax.TryParse(tag, out var placeholders, out var error, out var position))
        {
            Report(context, KeyTemplateBinding.LocationIn(expression, syntax, tag, position, tag.Length == 0 ? 0 : 1), tag, error);
            return;
        }

        foreach (var placeholder in placeholders)
        {
            var location = KeyTemplateBinding.LocationIn(expression, syntax, tag, placeholder.Start, placeholder.Length);
            if (KeyTemplateBinding.Bind(method, placeholder.Path) is null)
            {
                var first = placeholder.Path.Split('.')[0].TrimStart('@');
                Report(context, location, tag, method.Parameters.Any(p => p.Name == first)
                    ? $"'{{{placeholder.Path}}}' names no readable property or field of '{first}'"
                    : $"'{{{placeholder.Path}}}' names no parameter of '{method.Name}'");
            }
            else if (keyPaths is not null && !keyPaths.Contains(Normalize(placeholder.Path)))
            {
                Report(context, location, tag, $"'{{{placeholder.Path}}}' is not a placeholder of the key \"{key}\": an entry's tags are rendered from its key, so they can only use what the key uses");
            }
        }
    }

    private static string Normalize(string path) => string.Join(".", path.Split('.').Select(s => s.TrimStart('@')));

    private static void Report(SymbolAnalysisContext context, Location? location, string tag, string reason) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidTag, location ?? Location.None, tag, reason));
}
