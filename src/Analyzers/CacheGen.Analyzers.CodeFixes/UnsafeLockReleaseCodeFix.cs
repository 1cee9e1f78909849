using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CacheGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CacheGen.Analyzers.CodeFixes;

/// <summary>CG1005 fix: release the lock with <c>LockRelease(key, token)</c>, which deletes it only if the token still matches.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsafeLockReleaseCodeFix))]
[Shared]
public sealed class UnsafeLockReleaseCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string UseLockRelease = "CG1005.UseLockRelease";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UnsafeLockRelease);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(UnsafeLockReleaseAnalyzer.Token, out var token) || token is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not
                    { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 1 } invocation)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Release with LockRelease(key, {token})",
                    _ =>
                    {
                        var name = access.Name.Identifier.ValueText == "KeyDeleteAsync" ? "LockReleaseAsync" : "LockRelease";
                        var replacement = invocation
                            .WithExpression(access.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(access.Name)))
                            .WithArgumentList(invocation.ArgumentList.AddArguments(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(token))));
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement)));
                    },
                    UseLockRelease),
                diagnostic);
        }
    }
}
