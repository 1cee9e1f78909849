using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG1007: <c>ConnectionMultiplexer.Connect(Async)</c> whose result is disposed in the same method.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConnectPerCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ConnectPerCall);

    private static readonly string[] Names = ["Connect", "ConnectAsync"];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownTypes.Find(start.Compilation, "StackExchange.Redis.ConnectionMultiplexer", KnownTypes.Redis) is not { } multiplexer)
            {
                return;
            }

            var scope = CodeScope.For(start.Compilation, start.Options);

            // Bound calls, and calls the compiler could not bind (an argument of a type this compilation does not see)
            // whose every candidate is a Connect.
            start.RegisterOperationAction(c =>
            {
                if (OperationHelpers.CalledMethod(c.Operation, Names, c.CancellationToken) is not { Name: "Connect" or "ConnectAsync" } method
                    || !SymbolEqualityComparer.Default.Equals(method.ContainingType, multiplexer))
                {
                    return;
                }

                if (IsDisposedHere(c.Operation) && scope.Reports(c.Operation.Syntax.GetLocation(), c.ContainingSymbol))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.ConnectPerCall, c.Operation.Syntax.GetLocation(), method.Name));
                }
            }, OperationKind.Invocation, OperationKind.Invalid);
        });
    }

    private static bool IsDisposedHere(IOperation invocation)
    {
        // Walk up through await and conversions to what receives the connection.
        IOperation current = invocation;
        while (current.Parent is IAwaitOperation or IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is IUsingOperation)
        {
            return true; // using (ConnectionMultiplexer.Connect(...)) { }
        }

        // ConnectionMultiplexer.Connect(...).GetDatabase() in a method body: the connection is used once and dropped,
        // never disposed, one per call (a field initializer or a Lazy factory runs once: not this).
        if (current.Parent is IInvocationOperation or IPropertyReferenceOperation && ReferenceEquals(Receiver(current.Parent), current) && InMethodBody(invocation))
        {
            return true;
        }

        if (current.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return false; // stored in a field, returned, passed to DI: a shared connection
        }

        if (OnlyProbes(invocation, declarator.Symbol) && Disposed(invocation, declarator))
        {
            return false; // a connectivity check of a configuration, closed after: connecting is the method's purpose
        }

        if (InMethodBody(invocation) && NeverLeaves(invocation, declarator.Symbol))
        {
            return true; // a local that is only used, never stored, returned or passed on: leaked per call
        }

        return Disposed(invocation, declarator);
    }

    private static IOperation? Receiver(IOperation operation) => operation switch
    {
        IInvocationOperation call => call.Instance,
        IPropertyReferenceOperation property => property.Instance,
        _ => null,
    };

    /// <summary>Inside an ordinary method or local function, not in a lambda (a Lazy or DI factory runs once).</summary>
    private static bool InMethodBody(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation)
            {
                return false;
            }

            if (current is IMethodBodyOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false; // a field or property initializer
    }

    /// <summary>Whether the local the connection is stored in is disposed in this method: a <c>using</c>, or a Dispose/Close call.</summary>
    private static bool Disposed(IOperation invocation, IVariableDeclaratorOperation declarator)
    {
        for (var parent = declarator.Parent; parent is not null && parent is not IBlockOperation; parent = parent.Parent)
        {
            if (parent is IUsingDeclarationOperation or IUsingOperation)
            {
                return true;
            }
        }

        return OperationHelpers.InvocationsInSameBody(invocation).Any(i =>
            i.TargetMethod.Name is "Dispose" or "DisposeAsync" or "Close" or "CloseAsync"
            && i.Instance?.WithoutConversions() is ILocalReferenceOperation reference
            && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol));
    }

    /// <summary>
    /// Whether the connection is only asked whether it connected (<c>IsConnected</c>, <c>IsConnecting</c>,
    /// <c>GetStatus</c>) or disposed: a check that a configuration works, not data access.
    /// </summary>
    private static bool OnlyProbes(IOperation anchor, ILocalSymbol local)
    {
        var uses = UsesOf(anchor, local);
        return uses.Count > 0
            && uses.Any(use => use.Parent is IPropertyReferenceOperation { Property.Name: "IsConnected" or "IsConnecting" } or IInvocationOperation { TargetMethod.Name: "GetStatus" })
            && uses.All(use => ReferenceEquals(Receiver(use.Parent!), use)
                && use.Parent is IPropertyReferenceOperation { Property.Name: "IsConnected" or "IsConnecting" }
                    or IInvocationOperation { TargetMethod.Name: "GetStatus" or "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" });
    }

    /// <summary>Whether every use of the local is as the receiver of a member call or property (mux.GetDatabase()).</summary>
    private static bool NeverLeaves(IOperation anchor, ILocalSymbol local)
    {
        var uses = UsesOf(anchor, local);
        return uses.Count > 0 && uses.All(use =>
            use.Parent is IInvocationOperation or IPropertyReferenceOperation && ReferenceEquals(Receiver(use.Parent), use)
            && !(use.Parent is IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" }));
    }

    private static List<ILocalReferenceOperation> UsesOf(IOperation anchor, ILocalSymbol local) =>
        OperationHelpers.Root(anchor).Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local)).ToList();
}
