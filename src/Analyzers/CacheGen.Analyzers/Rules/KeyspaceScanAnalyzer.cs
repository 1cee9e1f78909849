using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG1002: <c>IServer.Keys</c>/<c>KeysAsync</c> — a walk of the whole keyspace — in application code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyspaceScanAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.KeyspaceScan);

    private static readonly string[] Names = ["Keys", "KeysAsync"];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RedisSymbols.For(start.Compilation) is not { Server: { } server })
            {
                return;
            }

            var scope = CodeScope.For(start.Compilation, start.Options);

            // Bound calls, and calls the compiler could not bind (an argument of a type it does not see, code being
            // typed) whose every candidate is IServer.Keys/KeysAsync.
            start.RegisterOperationAction(c =>
            {
                if (OperationHelpers.CalledMethod(c.Operation, Names, c.CancellationToken) is not { Name: "Keys" or "KeysAsync" } method || !RedisSymbols.IsMemberOf(method, server))
                {
                    return;
                }

                if (ClearsEverything(c.Operation, c.CancellationToken))
                {
                    return; // the fallback of a FLUSHDB: every key is wanted, walking them is the work asked for
                }

                var location = OperationHelpers.NameLocation(c.Operation.Syntax);
                if (scope.Reports(location, c.ContainingSymbol))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.KeyspaceScan, location, "IServer." + method.Name));
                }
            }, OperationKind.Invocation, OperationKind.Invalid);
        });
    }

    // Keys() with no pattern (or "*") in a method that also flushes the database: deleting everything, key by key where
    // FLUSHDB is refused (a managed Redis, a renamed command).
    private static bool ClearsEverything(IOperation call, System.Threading.CancellationToken cancellationToken)
    {
        if (call is IInvocationOperation invocation
            && invocation.Argument("pattern") is { } pattern
            && !(pattern.IsImplicit || pattern.Value.WithoutConversions().ConstantValue is { HasValue: true, Value: null or "*" }))
        {
            return false;
        }

        return OperationHelpers.CallsInSameBody(call, cancellationToken).Any(other => other.Method.Name is "FlushDatabase" or "FlushDatabaseAsync" or "FlushAllDatabases" or "FlushAllDatabasesAsync");
    }
}
