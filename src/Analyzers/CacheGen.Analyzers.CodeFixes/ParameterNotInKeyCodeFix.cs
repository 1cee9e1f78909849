using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace CacheGen.Analyzers.CodeFixes;

/// <summary>CG0004 fixes: add the parameter to the key, or mark it [NotCacheKey].</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ParameterNotInKeyCodeFix))]
[Shared]
public sealed class ParameterNotInKeyCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of "add to key".</summary>
    public const string AddToKey = "CG0004.AddToKey";

    /// <summary>Equivalence key of "mark [NotCacheKey]".</summary>
    public const string MarkNotCacheKey = "CG0004.MarkNotCacheKey";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ParameterNotInKey);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ParameterSyntax>() is not { } parameter)
            {
                continue;
            }

            var name = parameter.Identifier.ValueText;
            if (TemplateLiteral(parameter) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Add '{name}' to the cache key", ct => AddToKeyAsync(context.Document, parameter, ct), AddToKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Mark '{name}' [NotCacheKey]", ct => MarkAsync(context.Document, parameter, ct), MarkNotCacheKey),
                diagnostic);
        }
    }

    /// <summary>The [Cached] template literal of the parameter's method, when it is a plain string literal.</summary>
    private static LiteralExpressionSyntax? TemplateLiteral(ParameterSyntax parameter)
    {
        var method = parameter.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        var attribute = method?.AttributeLists.SelectMany(l => l.Attributes)
            .FirstOrDefault(a => a.Name.ToString() is "Cached" or "CachedAttribute" or "CacheGen.Cached" or "CacheGen.CachedAttribute" or "global::CacheGen.Cached" or "global::CacheGen.CachedAttribute");
        return attribute?.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax literal
            && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.Text.StartsWith("\"", System.StringComparison.Ordinal)
                ? literal
                : null;
    }

    private static async Task<Document> AddToKeyAsync(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var literal = TemplateLiteral(parameter);
        if (root is null || literal is null)
        {
            return document;
        }

        var template = literal.Token.ValueText + ":{" + parameter.Identifier.ValueText + "}";
        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(template)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }

    private static async Task<Document> MarkAsync(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::CacheGen.NotCacheKey").WithAdditionalAnnotations(Simplifier.Annotation));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).WithTrailingTrivia(SyntaxFactory.Space);
        var updated = parameter.WithoutLeadingTrivia().AddAttributeLists(list).WithLeadingTrivia(parameter.GetLeadingTrivia());
        return document.WithSyntaxRoot(root.ReplaceNode(parameter, updated));
    }
}
