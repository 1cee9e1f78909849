using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG1005: a lock taken with <c>StringSet(…, When.NotExists)</c> or <c>LockTake</c> and released by an unconditional
/// <c>KeyDelete</c> of the same key, which can delete a lock another caller holds after this one's expired.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsafeLockReleaseAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the lock's token expression, for the code fix.</summary>
    public const string Token = nameof(Token);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UnsafeLockRelease);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RedisSymbols.For(start.Compilation) is not { } redis
                || start.Compilation.GetTypeByMetadataName("StackExchange.Redis.When")?.GetMembers("NotExists").FirstOrDefault() is not IFieldSymbol { HasConstantValue: true } notExists)
            {
                return;
            }

            var transaction = start.Compilation.GetTypeByMetadataName("StackExchange.Redis.ITransaction");
            start.RegisterOperationAction(c =>
            {
                var delete = (IInvocationOperation)c.Operation;
                if (delete.TargetMethod.Name is not ("KeyDelete" or "KeyDeleteAsync")
                    || !(RedisSymbols.IsMemberOf(delete.TargetMethod, redis.Database) || RedisSymbols.IsMemberOf(delete.TargetMethod, redis.DatabaseAsync))
                    || delete.TargetMethod.Parameters.FirstOrDefault()?.Type.Name != "RedisKey"
                    || delete.TargetMethod.Parameters.Any(p => p.Type.Name is "ValueCondition" or "Condition")
                    || (transaction is not null && delete.Instance?.WithoutConversions().Type is { } instanceType
                        && (SymbolEqualityComparer.Default.Equals(instanceType, transaction) || instanceType.AllInterfaces.Contains(transaction, SymbolEqualityComparer.Default))))
                {
                    return;
                }

                var key = delete.ValueOf("key");
                var acquisition = OperationHelpers.InvocationsInSameBody(delete).FirstOrDefault(i =>
                    i.Syntax.SpanStart < delete.Syntax.SpanStart
                    && OperationHelpers.SameKey(i.ValueOf("key"), key)
                    && (RedisSymbols.IsMemberOf(i.TargetMethod, redis.Database) || RedisSymbols.IsMemberOf(i.TargetMethod, redis.DatabaseAsync))
                    && (i.TargetMethod.Name is "LockTake" or "LockTakeAsync"
                        || (i.TargetMethod.Name is "StringSet" or "StringSetAsync" && IsNotExists(i.ValueOf("when"), notExists))));
                if (acquisition is null)
                {
                    return;
                }

                var token = acquisition.ValueOf("value")?.Syntax is ExpressionSyntax value && value is IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax
                    ? value.ToString()
                    : null;
                var properties = token is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(Token, token);
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsafeLockRelease, delete.Syntax.GetLocation(), properties, acquisition.TargetMethod.Name));
            }, OperationKind.Invocation);
        });
    }

    // When.NotExists (as itself or converted to ValueCondition), its constant value, or ValueCondition.NotExists.
    private static bool IsNotExists(IOperation? when, IFieldSymbol notExists) => when switch
    {
        null => false,
        IFieldReferenceOperation field when SymbolEqualityComparer.Default.Equals(field.Field, notExists) => true,
        IPropertyReferenceOperation { Property: { Name: "NotExists", ContainingType.Name: "ValueCondition" } } => true,
        IFieldReferenceOperation { Field: { Name: "NotExists", ContainingType.Name: "ValueCondition" } } => true,
        _ => when.ConstantValue.HasValue && Equals(when.ConstantValue.Value, notExists.ConstantValue),
    };
}
