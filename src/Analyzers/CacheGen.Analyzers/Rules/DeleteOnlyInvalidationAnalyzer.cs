using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG1003: in one method, a database write followed by a cache delete (<c>IDatabase.KeyDelete</c>,
/// <c>IDistributedCache.Remove</c>) with no publish and no second delete: the stale-set race is open and other
/// instances keep their copies.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeleteOnlyInvalidationAnalyzer : DiagnosticAnalyzer
{
    // The calls that delete a cache key or write the database by themselves (see IsCacheDelete and IsDatabaseWrite).
    private static readonly Fact CacheDelete = new("cache delete", ["KeyDelete", "KeyDeleteAsync", "Remove", "RemoveAsync"]);

    private static readonly Fact DatabaseWrite = new("database write",
    [
        "SaveChanges", "SaveChangesAsync", "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync",
        "Execute", "ExecuteAsync", "ExecuteNonQuery", "ExecuteNonQueryAsync",
    ]);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.DeleteOnlyInvalidation);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var redis = RedisSymbols.For(start.Compilation);
            var data = DataAccessSymbols.For(start.Compilation);
            if (redis is null && data.DistributedCache is null)
            {
                return;
            }

            // Real code goes through one level or two: a cache wrapper whose body deletes (RemoveCacheAsync → KeyDeleteAsync),
            // a repository method whose body, or whose implementation's body, writes (UpdateAsync → SaveChangesAsync).
            // Methods of this compilation are summarized on demand, once each: wrappers only when their name says they
            // remove something, writers only for the calls that come before a delete.
            // A wrapper is looked into only when lookInside says it is worth it.
            var summaries = MethodSummaries.For(start.Compilation);
            bool Deletes(IInvocationOperation i, System.Func<bool> lookInside, CancellationToken token) =>
                IsCacheDelete(i, redis, data)
                || (NamedLikeARemoval(i.TargetMethod.Name) && OperationHelpers.FromThisCompilation(i.TargetMethod) && lookInside()
                    && summaries.Performs(i.TargetMethod, CacheDelete, x => IsCacheDelete(x, redis, data), token));
            bool Writes(IMethodSymbol method, CancellationToken token) =>
                IsDatabaseWrite(method, data)
                || (OperationHelpers.FromThisCompilation(method) && summaries.Performs(method, DatabaseWrite, x => IsDatabaseWrite(x.TargetMethod, data), token));

            // Events published after a write, by the simple name of the event's type (the type itself may be in a project
            // this compilation does not see): found once per compilation, the first time a handler asks.
            System.Collections.Generic.HashSet<string>? publishedAfterWrite = null;
            bool HandlesEventPublishedAfterWrite(IMethodSymbol handler, CancellationToken token)
            {
                if (!IsEventHandler(handler) || handler.Parameters.Length == 0)
                {
                    return false;
                }

                var events = publishedAfterWrite ??= EventsPublishedAfterWrite(start.Compilation, summaries, m => Writes(m, token), token);
                var parameter = handler.Parameters[0].Type;
                return events.Contains(parameter.Name)
                    || (parameter is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Any(t => events.Contains(t.Name)));
            }

            start.RegisterOperationAction(c =>
            {
                var delete = (IInvocationOperation)c.Operation;
                // A wrapper is looked into only where a write may come first: the text of this body, or of a method it
                // calls, names a write; or this is an event handler.
                if (!Deletes(
                        delete,
                        () => (c.ContainingSymbol is IMethodSymbol containing && IsEventHandler(containing))
                            || summaries.TextMayPerform(OperationHelpers.Root(delete).Syntax, DatabaseWrite, MethodSummaries.Depth + 1, c.CancellationToken),
                        c.CancellationToken))
                {
                    return;
                }

                var body = OperationHelpers.InvocationsInSameBody(delete).ToList();
                // A write the compiler could not bind (an entity type from a project it does not see) still names its method.
                var wroteBefore = OperationHelpers.CallsInSameBody(delete, c.CancellationToken)
                    .Any(call => call.Operation.Syntax.SpanStart < delete.Syntax.SpanStart && Writes(call.Method, c.CancellationToken));
                // Or: an event handler that only deletes, for an event this project publishes after a write (the write
                // and the invalidation are in different methods, as event-driven code puts them).
                if (!wroteBefore && !(c.ContainingSymbol is IMethodSymbol handler && HandlesEventPublishedAfterWrite(handler, c.CancellationToken)))
                {
                    return;
                }

                var key = delete.ValueOf("key");
                var publishes = body.Any(i => i.TargetMethod.Name is "Publish" or "PublishAsync" && i.TargetMethod.ContainingNamespace?.ToDisplayString() == "StackExchange.Redis");
                // A double delete (a common mitigation: delete again after a delay) counts for both of its deletes.
                var secondDelete = body.Any(i => i.Syntax.SpanStart != delete.Syntax.SpanStart && OperationHelpers.SameKey(i.ValueOf("key"), key) && Deletes(i, static () => true, c.CancellationToken));
                if (!publishes && !secondDelete)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.DeleteOnlyInvalidation, delete.Syntax.GetLocation(), delete.TargetMethod.Name));
                }
            }, OperationKind.Invocation);
        });
    }

    /// <summary>
    /// The simple names of event types this compilation publishes — <c>new XEvent(…)</c> passed to a call named
    /// Publish/Raise/Dispatch/Send/Add…Event — in a method that also writes the database.
    /// </summary>
    private static System.Collections.Generic.HashSet<string> EventsPublishedAfterWrite(Compilation compilation, MethodSummaries summaries, System.Func<IMethodSymbol, bool> writes, CancellationToken token)
    {
        var names = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var creation in tree.GetRoot(token).DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax>())
            {
                var type = creation.Type switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
                    Microsoft.CodeAnalysis.CSharp.Syntax.QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    _ => null,
                };
                if (type is null || names.Contains(type)
                    || creation.Parent is not Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { Parent.Parent: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax publish }
                    || !Publishes(publish)
                    || creation.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax>() is not { } method)
                {
                    continue;
                }

#pragma warning disable RS1030 // The publishing method is another method than the one analyzed: there is no context for it.
                var model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetDeclaredSymbol(method, token) is IMethodSymbol publisher
                    && summaries.Bodies(publisher, token).Any(body => body.Descendants().Any(o =>
                        o.Kind is OperationKind.Invocation or OperationKind.Invalid && OperationHelpers.CalledMethod(o, token) is { } called && writes(called))))
                {
                    names.Add(type);
                }
            }
        }

        return names;
    }

    private static bool Publishes(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call)
    {
        var name = call.Expression switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        return name.StartsWith("Publish", System.StringComparison.Ordinal) || name.StartsWith("Raise", System.StringComparison.Ordinal)
            || name.StartsWith("Dispatch", System.StringComparison.Ordinal) || name is "Send" or "SendAsync"
            || (name.StartsWith("Add", System.StringComparison.Ordinal) && name.EndsWith("Event", System.StringComparison.Ordinal));
    }

    // Handle/HandleAsync (MediatR, in-process event buses), Consume/ConsumeAsync (MassTransit and others).
    private static bool IsEventHandler(IMethodSymbol method) => method.Name is "Handle" or "HandleAsync" or "Consume" or "ConsumeAsync";

    private static bool NamedLikeARemoval(string name) =>
        name.IndexOf("Remove", System.StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Delete", System.StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("Invalidate", System.StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Evict", System.StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("Clear", System.StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool IsCacheDelete(IInvocationOperation invocation, RedisSymbols? redis, DataAccessSymbols data)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "KeyDelete" or "KeyDeleteAsync" && redis is not null
            && (RedisSymbols.IsMemberOf(method, redis.Database) || RedisSymbols.IsMemberOf(method, redis.DatabaseAsync))
            && method.Parameters.FirstOrDefault()?.Type.Name == "RedisKey")
        {
            return true;
        }

        return method.Name is "Remove" or "RemoveAsync" && data.DistributedCache is not null
            && (DataAccessSymbols.Is(method.ContainingType, data.DistributedCache)
                || method.ContainingType.AllInterfaces.Contains(data.DistributedCache, SymbolEqualityComparer.Default));
    }

    private static bool IsDatabaseWrite(IMethodSymbol method, DataAccessSymbols data)
    {
        switch (method.Name)
        {
            case "SaveChanges" or "SaveChangesAsync":
                return DataAccessSymbols.Inherits(method.ContainingType, data.DbContext);
            case "ExecuteUpdate" or "ExecuteUpdateAsync" or "ExecuteDelete" or "ExecuteDeleteAsync":
                return DataAccessSymbols.Is(method.ContainingType, data.EfQueryable) || DataAccessSymbols.Is(method.ContainingType, data.RelationalQueryable);
            case "Execute" or "ExecuteAsync":
                return DataAccessSymbols.Is(method.ContainingType, data.SqlMapper);
            case "ExecuteNonQuery" or "ExecuteNonQueryAsync":
                return DataAccessSymbols.Inherits(method.ContainingType, data.DbCommand)
                    || (data.DbCommandInterface is not null && (DataAccessSymbols.Is(method.ContainingType, data.DbCommandInterface)
                        || method.ContainingType.AllInterfaces.Contains(data.DbCommandInterface, SymbolEqualityComparer.Default)));
            default:
                return false;
        }
    }
}
