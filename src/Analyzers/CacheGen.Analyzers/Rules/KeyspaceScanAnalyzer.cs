using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG1002: <c>IServer.Keys</c>/<c>KeysAsync</c> — a walk of the whole keyspace — in application code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyspaceScanAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.KeyspaceScan);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RedisSymbols.For(start.Compilation) is not { Server: { } server })
            {
                return;
            }

            var scope = CodeScope.For(start.Compilation, start.Options);

            start.RegisterOperationAction(c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (invocation.TargetMethod.Name is not ("Keys" or "KeysAsync") || !RedisSymbols.IsMemberOf(invocation.TargetMethod, server))
                {
                    return;
                }

                var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                    ? access.Name.GetLocation()
                    : invocation.Syntax.GetLocation();
                if (scope.Reports(location, c.ContainingSymbol))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.KeyspaceScan, location, "IServer." + invocation.TargetMethod.Name));
                }
            }, OperationKind.Invocation);

            // A call the compiler could not bind (an argument of a type it does not see, code being typed) is still a
            // keyspace walk when every candidate is IServer.Keys/KeysAsync.
            start.RegisterOperationAction(c =>
            {
                if (c.Operation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                    || c.Operation.SemanticModel?.GetSymbolInfo(c.Operation.Syntax, c.CancellationToken) is not { Symbol: null, CandidateSymbols: { Length: > 0 } candidates }
                    || !candidates.All(s => s is IMethodSymbol { Name: "Keys" or "KeysAsync" } m && RedisSymbols.IsMemberOf(m, server)))
                {
                    return;
                }

                var location = ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)c.Operation.Syntax).Expression).Name.GetLocation();
                if (scope.Reports(location, c.ContainingSymbol))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.KeyspaceScan, location, "IServer." + candidates[0].Name));
                }
            }, OperationKind.Invalid);
        });
    }
}
