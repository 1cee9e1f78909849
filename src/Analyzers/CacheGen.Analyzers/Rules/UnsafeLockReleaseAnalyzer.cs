using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG1005: a lock taken with <c>StringSet(…, When.NotExists)</c> or <c>LockTake</c> and released by an unconditional
/// <c>KeyDelete</c> of the same key, which can delete a lock another caller holds after this one's expired. The lock may
/// be taken earlier in the same method, or in another method of the same class (<c>AcquireLock</c>/<c>ReleaseLock</c>)
/// on the same field, property or constant, or on a key written the same way from a parameter of the same name.
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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RedisSymbols.For(start.Compilation) is not { } redis
                || KnownTypes.Find(start.Compilation, "StackExchange.Redis.When", KnownTypes.Redis)?.GetMembers("NotExists").FirstOrDefault() is not IFieldSymbol { HasConstantValue: true } notExists)
            {
                return;
            }

            var transaction = KnownTypes.Find(start.Compilation, "StackExchange.Redis.ITransaction", KnownTypes.Redis);
            var summaries = MethodSummaries.For(start.Compilation);
            var acquisitionsByType = new System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<IInvocationOperation>>(SymbolEqualityComparer.Default);
            bool IsAcquisition(IInvocationOperation i) =>
                i.TargetMethod.Name is "LockTake" or "LockTakeAsync" or "StringSet" or "StringSetAsync"
                && (RedisSymbols.IsMemberOf(i.TargetMethod, redis.Database) || RedisSymbols.IsMemberOf(i.TargetMethod, redis.DatabaseAsync))
                && (i.TargetMethod.Name is "LockTake" or "LockTakeAsync" || IsNotExists(i.ValueOf("when"), notExists));

            // Every lock acquisition in the methods of a class (all its parts), found once per class; only methods whose
            // text names LockTake or NotExists are bound.
            ImmutableArray<IInvocationOperation> AcquisitionsIn(INamedTypeSymbol type, System.Threading.CancellationToken token) =>
                acquisitionsByType.GetOrAdd(type, t => t.GetMembers().OfType<IMethodSymbol>()
                    .Where(m => m.DeclaringSyntaxReferences.Any(r => r.GetSyntax(token).DescendantTokens().Any(k => k.ValueText is "LockTake" or "LockTakeAsync" or "NotExists")))
                    .SelectMany(m => summaries.Bodies(m, token))
                    .SelectMany(body => body.Descendants().OfType<IInvocationOperation>())
                    .Where(IsAcquisition)
                    .ToImmutableArray());

            // A release script that deletes the lock's key without comparing its value to the token.
            start.RegisterOperationAction(c =>
            {
                var call = (IInvocationOperation)c.Operation;
                if (call.TargetMethod.Name is not ("ScriptEvaluate" or "ScriptEvaluateAsync" or "Prepare")
                    || c.ContainingSymbol is not IMethodSymbol { } method || !ReleasesByName(method.Name)
                    || !(RedisSymbols.IsMemberOf(call.TargetMethod, redis.Database) || RedisSymbols.IsMemberOf(call.TargetMethod, redis.DatabaseAsync)
                        || SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, redis.LuaScript)))
                {
                    return;
                }

                foreach (var argument in call.Arguments)
                {
                    if (argument.Value.Type?.SpecialType == SpecialType.System_String
                        && OperationHelpers.StringValue(argument.Value, c.CancellationToken) is { } script
                        && DeletesWithoutComparing(script))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsafeLockRelease, argument.Value.Syntax.GetLocation(), "SET NX or LockTake"));
                    }
                }
            }, OperationKind.Invocation);

            // The same, in a release script kept as a file among the AdditionalFiles (release.lua, unlock.lua).
            start.RegisterAdditionalFileAction(c =>
            {
                if (!ReleasesByName(System.IO.Path.GetFileName(c.AdditionalFile.Path))
                    || OperationHelpers.LuaScript(c.AdditionalFile, c.CancellationToken) is not { } text)
                {
                    return;
                }

                var script = text.ToString();
                if (DeletesWithoutComparing(script) && LuaDelete.Match(script) is { Success: true } delete)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsafeLockRelease, OperationHelpers.LocationIn(c.AdditionalFile, text, delete), "SET NX or LockTake"));
                }
            });

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
                    i.Syntax.SpanStart < delete.Syntax.SpanStart && OperationHelpers.SameKey(i.ValueOf("key"), key) && IsAcquisition(i));

                // Taken in another method of the class (TryAcquireLock … ReleaseLock).
                if (acquisition is null && key is not null && c.ContainingSymbol?.ContainingType is { } owner && MayBeSharedLockKey(key, c.ContainingSymbol.Name))
                {
                    acquisition = AcquisitionsIn(owner, c.CancellationToken).FirstOrDefault(i =>
                        !ReferenceEquals(i.Syntax.SyntaxTree, delete.Syntax.SyntaxTree) || !i.Syntax.Span.IntersectsWith(OperationHelpers.BodySpan(delete))
                            ? SameKeyAcrossMethods(i.ValueOf("key"), key, c.ContainingSymbol.Name)
                            : false);
                }

                if (acquisition is null)
                {
                    return;
                }

                // The code fix passes the acquisition's token to LockRelease: only when it is in reach here (taken in
                // this method, or a field, property or constant when the lock was taken in another method).
                var inThisMethod = OperationHelpers.BodySpan(delete).Contains(acquisition.Syntax.Span) && ReferenceEquals(acquisition.Syntax.SyntaxTree, delete.Syntax.SyntaxTree);
                var tokenValue = acquisition.ValueOf("value");
                var token = tokenValue?.Syntax is ExpressionSyntax value && value is IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax
                    && (inThisMethod || !tokenValue.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation or ILocalReferenceOperation))
                    ? value.ToString()
                    : null;
                var properties = token is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(Token, token);
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsafeLockRelease, delete.Syntax.GetLocation(), properties, acquisition.TargetMethod.Name));
            }, OperationKind.Invocation);
        });
    }

    private static readonly System.Text.RegularExpressions.Regex LuaDelete = new(
        @"redis\s*\.\s*p?call\s*\(\s*(['""])(del|unlink)\1", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex LuaCompare = new(
        @"redis\s*\.\s*p?call\s*\(\s*(['""])get\1|==|~=", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // A script that deletes a key and never reads it to compare with the caller's token.
    private static bool DeletesWithoutComparing(string script) => LuaDelete.IsMatch(script) && !LuaCompare.IsMatch(script);

    // Whether a deleted key could be a lock taken in another method (see SameKeyAcrossMethods): asked before the class's
    // methods are read.
    private static bool MayBeSharedLockKey(IOperation key, string releasingMethod)
    {
        key = key.WithoutConversions();
        if (key is ILocalReferenceOperation)
        {
            return false;
        }

        return !key.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation or ILocalReferenceOperation) || ReleasesByName(releasingMethod);
    }

    private static bool ReleasesByName(string method) =>
        method.IndexOf("Release", System.StringComparison.OrdinalIgnoreCase) >= 0 || method.IndexOf("Unlock", System.StringComparison.OrdinalIgnoreCase) >= 0;

    // A key in two methods: the same field, property or constant; or, when the deleting method says it releases a lock,
    // the same expression of parameters of the same name ($"{resource}:lock" in both).
    private static bool SameKeyAcrossMethods(IOperation? acquired, IOperation released, string releasingMethod)
    {
        if (acquired is null)
        {
            return false;
        }

        acquired = acquired.WithoutConversions();
        released = released.WithoutConversions();
        var releases = ReleasesByName(releasingMethod);
        if (acquired is IParameterReferenceOperation a && released is IParameterReferenceOperation r)
        {
            return releases && a.Parameter.Name == r.Parameter.Name;
        }

        if (acquired is ILocalReferenceOperation || released is ILocalReferenceOperation)
        {
            return false; // a local of another method is another value
        }

        var usesParameters = acquired.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation) || released.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation);
        return (releases || !usesParameters) && OperationHelpers.SameKey(acquired, released);
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
