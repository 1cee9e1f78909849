using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CacheGen.Analyzers.CodeFixes;

/// <summary>
/// CG1003 fix: replace the bare delete with <c>ICacheInvalidator.InvalidateAsync</c> — offered in asynchronous code when
/// the CacheGen runtime is referenced and an <c>ICacheInvalidator</c> is in reach (a field, property or parameter).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeleteOnlyInvalidationCodeFix))]
[Shared]
public sealed class DeleteOnlyInvalidationCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string UseInvalidator = "CG1003.UseInvalidator";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.DeleteOnlyInvalidation);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var invalidatorType = model?.Compilation.GetTypeByMetadataName("CacheGen.ICacheInvalidator");
        if (root is null || model is null || invalidatorType is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                || invocation.Parent is not AwaitExpressionSyntax
                || invocation.ArgumentList.Arguments.Count == 0
                || !IsDirectDelete(model.GetSymbolInfo(invocation, context.CancellationToken).Symbol)
                || Invalidator(invocation, model, invalidatorType, context.CancellationToken) is not { } invalidator)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Invalidate with {invalidator}.InvalidateAsync", _ => Task.FromResult(Rewrite(context.Document, root, model, invocation, invalidator)), UseInvalidator),
                diagnostic);
        }
    }

    /// <summary>
    /// Only a delete of the cache itself is rewritten: its first argument is the key. A wrapper reported through its
    /// body (<c>EvictAsync(orderId)</c>) may take anything else, so it is left for the user to change.
    /// </summary>
    private static bool IsDirectDelete(ISymbol? symbol) =>
        symbol is IMethodSymbol { Name: "KeyDelete" or "KeyDeleteAsync" or "Remove" or "RemoveAsync" } method
        && method.ContainingNamespace?.ToDisplayString() is "StackExchange.Redis" or "Microsoft.Extensions.Caching.Distributed";

    private static Document Rewrite(Document document, SyntaxNode root, SemanticModel model, InvocationExpressionSyntax invocation, string invalidator)
    {
        var key = invocation.ArgumentList.Arguments[0].Expression;
        if (model.GetTypeInfo(key).Type?.SpecialType != SpecialType.System_String)
        {
            key = SyntaxFactory.ParseExpression($"(string){key.WithoutTrivia()}!");
        }

        var arguments = SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(key.WithoutTrivia()) });
        var token = invocation.ArgumentList.Arguments.Skip(1).FirstOrDefault(a => model.GetTypeInfo(a.Expression).Type?.Name == nameof(CancellationToken));
        if (token is not null)
        {
            arguments = arguments.Add(token.WithoutTrivia());
        }

        var replacement = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(invalidator), SyntaxFactory.IdentifierName("InvalidateAsync")),
                SyntaxFactory.ArgumentList(arguments))
            .WithTriviaFrom(invocation);
        return document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement));
    }

    /// <summary>The name of an ICacheInvalidator in reach: a parameter of the method, then a field, property or primary-constructor parameter of the type.</summary>
    private static string? Invalidator(SyntaxNode node, SemanticModel model, INamedTypeSymbol invalidatorType, CancellationToken cancellationToken)
    {
        bool IsInvalidator(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, invalidatorType);

        if (node.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is { } method
            && model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol methodSymbol
            && methodSymbol.Parameters.FirstOrDefault(p => IsInvalidator(p.Type)) is { } parameter)
        {
            return parameter.Name;
        }

        if (node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        var member = type.GetMembers().FirstOrDefault(m => m is IFieldSymbol { IsImplicitlyDeclared: false } f && IsInvalidator(f.Type) || m is IPropertySymbol p && IsInvalidator(p.Type));
        if (member is not null)
        {
            return member.Name;
        }

        return declaration.ParameterList?.Parameters
            .FirstOrDefault(p => p.Type is not null && IsInvalidator(model.GetTypeInfo(p.Type, cancellationToken).Type))?.Identifier.ValueText;
    }
}
