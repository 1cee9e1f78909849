using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG1006: a cache-aside write with no expiry: <c>StringSet</c> after a <c>StringGet</c> of the same key, or
/// <c>IDistributedCache.Set(String)(Async)</c> after a <c>Get(String)(Async)</c> of the same key without entry options
/// that set an expiration.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheWriteWithoutExpiryAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CacheWriteWithoutExpiry);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var distributed = KnownTypes.Find(start.Compilation, "Microsoft.Extensions.Caching.Distributed.IDistributedCache", KnownTypes.CachingAbstractions);
            var distributedExtensions = KnownTypes.Find(start.Compilation, "Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", KnownTypes.CachingAbstractions);
            if (distributed is not null)
            {
                start.RegisterOperationAction(c => AnalyzeDistributed(c, distributed, distributedExtensions), OperationKind.Invocation);
            }

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

    /// <summary>
    /// <c>IDistributedCache</c>: <c>Set</c>/<c>SetString</c> (and their async forms) after a <c>Get</c>/<c>GetString</c>
    /// of the same key, with no <c>DistributedCacheEntryOptions</c>, or options created on the spot with no expiration.
    /// </summary>
    private static void AnalyzeDistributed(OperationAnalysisContext context, INamedTypeSymbol distributed, INamedTypeSymbol? extensions)
    {
        var set = (IInvocationOperation)context.Operation;
        if (set.TargetMethod.Name is not ("Set" or "SetAsync" or "SetString" or "SetStringAsync") || !IsDistributed(set.TargetMethod, distributed, extensions)
            || set.Argument("key") is not { } keyArgument || HasEntryExpiry(set))
        {
            return;
        }

        var key = keyArgument.Value;
        var body = OperationHelpers.InvocationsInSameBody(set).ToList();
        var readFirst = body.Any(i => i.TargetMethod.Name is "Get" or "GetAsync" or "GetString" or "GetStringAsync"
            && IsDistributed(i.TargetMethod, distributed, extensions)
            && i.Syntax.SpanStart < set.Syntax.SpanStart
            && OperationHelpers.SameKey(i.ValueOf("key"), key));
        if (readFirst)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CacheWriteWithoutExpiry, set.Syntax.GetLocation(), set.TargetMethod.Name));
        }
    }

    private static bool IsDistributed(IMethodSymbol method, INamedTypeSymbol distributed, INamedTypeSymbol? extensions) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, extensions)
        || SymbolEqualityComparer.Default.Equals(method.ContainingType, distributed)
        || method.ContainingType.AllInterfaces.Contains(distributed, SymbolEqualityComparer.Default);

    /// <summary>Options passed, unless created right here without any expiration (a variable or field is trusted).</summary>
    private static bool HasEntryExpiry(IInvocationOperation set)
    {
        if (set.Argument("options") is not { ArgumentKind: not ArgumentKind.DefaultValue } options)
        {
            return false;
        }

        var value = options.Value.WithoutConversions();
        if (value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation)
        {
            return false;
        }

        if (value is IObjectCreationOperation creation)
        {
            return creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>().Any(a =>
                a.Target is IPropertyReferenceOperation { Property.Name: "AbsoluteExpiration" or "AbsoluteExpirationRelativeToNow" or "SlidingExpiration" }) == true
                || creation.Arguments.Length > 0;
        }

        return true;
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
