using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>CG1006: a cache-aside write (<c>StringSet</c> after a <c>StringGet</c> of the same key) with no expiry.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheWriteWithoutExpiryAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CacheWriteWithoutExpiry);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RedisSymbols.For(start.Compilation) is not { } redis)
            {
                return;
            }

            start.RegisterOperationAction(c =>
            {
                var set = (IInvocationOperation)c.Operation;
                if (set.TargetMethod.Name is not ("StringSet" or "StringSetAsync") || !IsDatabase(set.TargetMethod, redis)
                    || set.Argument("key") is null || HasExpiry(set))
                {
                    return;
                }

                var key = set.ValueOf("key");
                var body = OperationHelpers.InvocationsInSameBody(set).ToList();
                var readFirst = body.Any(i => i.TargetMethod.Name is "StringGet" or "StringGetAsync" or "StringGetWithExpiry" or "StringGetWithExpiryAsync"
                    && IsDatabase(i.TargetMethod, redis)
                    && i.Syntax.SpanStart < set.Syntax.SpanStart
                    && OperationHelpers.SameKey(i.ValueOf("key"), key));
                var expiredLater = body.Any(i => i.TargetMethod.Name is "KeyExpire" or "KeyExpireAsync"
                    && IsDatabase(i.TargetMethod, redis)
                    && OperationHelpers.SameKey(i.ValueOf("key"), key));
                if (readFirst && !expiredLater)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.CacheWriteWithoutExpiry, set.Syntax.GetLocation(), set.TargetMethod.Name));
                }
            }, OperationKind.Invocation);
        });
    }

    private static bool IsDatabase(IMethodSymbol method, RedisSymbols redis) =>
        RedisSymbols.IsMemberOf(method, redis.Database) || RedisSymbols.IsMemberOf(method, redis.DatabaseAsync);

    private static bool HasExpiry(IInvocationOperation set)
    {
        if (set.Argument("keepTtl")?.Value.ConstantValue is { HasValue: true, Value: true })
        {
            return true;
        }

        var expiry = set.Argument("expiry");
        if (expiry is null)
        {
            return set.TargetMethod.Parameters.Length > 0 && set.TargetMethod.Parameters[0].Type is IArrayTypeSymbol; // the batch overload: not cache-aside
        }

        if (expiry.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return false;
        }

        var value = expiry.Value.WithoutConversions();
        return !(value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation);
    }
}
