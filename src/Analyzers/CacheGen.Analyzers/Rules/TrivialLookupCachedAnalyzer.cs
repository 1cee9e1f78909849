using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG1004: a cached load that is a single-row lookup by primary key (see <see cref="KeyLookups"/>), wherever the caching
/// is written: CacheGen's <c>[Cached]</c> or another library's caching attribute on the method; the factory of a
/// <c>GetOrCreate</c>/<c>GetOrSet</c>/<c>GetOrAdd</c>-shaped call (IMemoryCache, HybridCache, FusionCache, wrappers);
/// hand-written cache-aside (a cache read, then a write of the same key); or a request type marked as cached
/// (<c>ICachedQuery</c>-style marker interfaces of request pipelines), through its handler.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrivialLookupCachedAnalyzer : DiagnosticAnalyzer
{
    // Another library's caching attribute, by name: it says it caches, and not that it removes, skips or is about HTTP.
    private static readonly Regex CachingName = new("cach", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex NotCaching = new(
        "invalidat|evict|remov|clear|flush|purge|nocache|noncach|ignore|disable|output|response|key|tag|options|settings|config",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.TrivialLookupCached);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var data = DataAccessSymbols.For(start.Compilation);
            if (data.DbContext is null && data.SqlMapper is null)
            {
                return; // no EF Core, no Dapper: nothing here is a key lookup this rule knows
            }

            var cacheGen = CacheGenSymbols.For(start.Compilation);
            var redis = RedisSymbols.For(start.Compilation);
            var memoryCache = KnownTypes.Find(start.Compilation, "Microsoft.Extensions.Caching.Memory.IMemoryCache", KnownTypes.CachingAbstractions);
            var lookups = new KeyLookups(start.Compilation, data);

            bool IsCachingAttribute(AttributeData attribute) =>
                (cacheGen is not null && cacheGen.IsCached(attribute))
                || (attribute.AttributeClass is { } type && CachingName.IsMatch(type.Name) && !NotCaching.IsMatch(type.Name) && !FromFrameworks(type));

            // A method whose result a caching attribute caches: its body is the load.
            start.RegisterOperationBlockAction(c =>
            {
                if (c.OwningSymbol is not IMethodSymbol method || method.ReturnsVoid || method.GetAttributes().FirstOrDefault(IsCachingAttribute) is not { } attribute)
                {
                    return;
                }

                var body = c.OperationBlocks.OfType<IMethodBodyOperation>().FirstOrDefault();
                var block = (IOperation?)body?.BlockBody ?? body?.ExpressionBody ?? c.OperationBlocks.OfType<IBlockOperation>().FirstOrDefault();
                if (block is null || lookups.OfBody(block, c.CancellationToken) is not { } lookup)
                {
                    return;
                }

                var location = KeyTemplateBinding.SyntaxOf(attribute, c.CancellationToken)?.GetLocation() ?? method.Locations[0];
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.TrivialLookupCached, location, method.Name, lookup));
            });

            // Calls: GetOrCreate(key, factory) and its relatives, whose factory is the load; and the write that closes a
            // hand-written cache-aside (a cache read of a key … a write of the same key, around one load), found from the
            // write (rare), so that only methods that write a cache are looked at. One callback for both: most calls are
            // neither, and are dismissed by their name.
            start.RegisterOperationAction(c =>
            {
                if (c.Operation is IInvocationOperation call && IsGetOrCreate(call.TargetMethod))
                {
                    GetOrCreate(c, call);
                }
                else
                {
                    CacheAside(c);
                }
            }, OperationKind.Invocation, OperationKind.Invalid);

            void GetOrCreate(OperationAnalysisContext c, IInvocationOperation call)
            {
                var factory = call.Arguments.Select(a => a.Value.WithoutConversions()).FirstOrDefault(v => v is IDelegateCreationOperation or IAnonymousFunctionOperation);
                var lookup = factory switch
                {
                    IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lookups.OfBody(lambda.Body, c.CancellationToken),
                    IAnonymousFunctionOperation lambda => lookups.OfBody(lambda.Body, c.CancellationToken),
                    IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => lookups.OfMethod(reference.Method, c.CancellationToken),
                    _ => null,
                };
                if (lookup is not null && c.ContainingSymbol is { } owner)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.TrivialLookupCached, OperationHelpers.NameLocation(call.Syntax), owner.Name, lookup));
                }
            }

            void CacheAside(OperationAnalysisContext c)
            {
                if (CacheAccess(c.Operation, redis, data, memoryCache, c.CancellationToken) is not (Access.Write, var writtenKey)
                    || c.ContainingSymbol is not IMethodSymbol method || method.GetAttributes().Any(IsCachingAttribute))
                {
                    return;
                }

                var calls = OperationHelpers.Root(c.Operation).Descendants().Where(o => o.Kind is OperationKind.Invocation or OperationKind.Invalid).ToList();
                var reads = new List<IOperation?>();
                foreach (var call in calls)
                {
                    if (call == c.Operation)
                    {
                        break;
                    }

                    switch (CacheAccess(call, redis, data, memoryCache, c.CancellationToken))
                    {
                        case (Access.Read, var key):
                            reads.Add(key);
                            break;
                        case (Access.Write, var key) when reads.Any(r => OperationHelpers.SameKey(r, key)):
                            return; // an earlier write closes the same cache-aside and reports it
                    }
                }

                if (!reads.Any(r => OperationHelpers.SameKey(r, writtenKey)) || !lookups.MayLookUp(method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(c.CancellationToken) ?? c.Operation.Syntax, c.CancellationToken))
                {
                    return;
                }

                var loads = calls.OfType<IInvocationOperation>().Where(i => lookups.IsLoad(i, c.CancellationToken)).Take(2).ToList();
                if (loads.Count == 1 && lookups.OfCall(loads[0], c.CancellationToken) is { } lookup)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.TrivialLookupCached, loads[0].Syntax.GetLocation(), method.Name, lookup));
                }
            }

            // A request type marked as cached (record GetProductQuery(int Id) : ICachedQuery): its handler is the load. Found
            // from the handler's body, which the driver has bound for every rule, and reported once, on the request type.
            var reported = new System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            start.RegisterOperationBlockAction(c =>
            {
                if (c.OwningSymbol is not IMethodSymbol { Name: "Handle" or "HandleAsync" or "Consume" or "ExecuteAsync", Parameters.Length: > 0 } handler
                    || handler.Parameters[0].Type is not INamedTypeSymbol { IsAbstract: false, TypeKind: TypeKind.Class or TypeKind.Struct } request
                    || request.DeclaringSyntaxReferences.Length == 0
                    || !request.AllInterfaces.Any(IsCacheMarker)
                    || lookups.OfMethod(handler, c.CancellationToken) is not { } lookup
                    || !reported.TryAdd(request.OriginalDefinition, true))
                {
                    return;
                }

                c.ReportDiagnostic(Diagnostic.Create(Descriptors.TrivialLookupCached, request.Locations[0], request.Name, lookup));
            });
        });
    }

    // System's, Microsoft's (HTTP response and output caching) and CacheGen's own attributes are not another library's
    // caching attribute.
    private static bool FromFrameworks(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns.StartsWith("System", System.StringComparison.Ordinal) || ns.StartsWith("Microsoft", System.StringComparison.Ordinal) || ns.StartsWith("CacheGen", System.StringComparison.Ordinal);
    }

    private enum Access
    {
        None,
        Read,
        Write,
    }

    // GetOrCreate/GetOrCreateAsync (IMemoryCache, HybridCache), GetOrSet/GetOrSetAsync (FusionCache), GetOrAdd and the
    // wrappers people write with the same shape: a key and a factory. ConcurrentDictionary and Lazy are not caches of loads.
    private static bool IsGetOrCreate(IMethodSymbol method) =>
        method.Name.StartsWith("GetOr", System.StringComparison.Ordinal)
        && (method.Name.StartsWith("GetOrCreate", System.StringComparison.Ordinal) || method.Name.StartsWith("GetOrSet", System.StringComparison.Ordinal)
            || method.Name.StartsWith("GetOrAdd", System.StringComparison.Ordinal) || method.Name.StartsWith("GetOrLoad", System.StringComparison.Ordinal))
        && method.ContainingNamespace?.ToDisplayString() is not ("System.Collections.Concurrent" or "System.Collections.Generic" or "System" or "System.Collections.Immutable")
        && method.Parameters.Any(p => p.Type.TypeKind == TypeKind.Delegate);

    // What a call does to a cache: StringGet/StringSet on IDatabase; Get*/Set* on IDistributedCache (its own methods and
    // extensions, bound or not), IMemoryCache, or a type of this compilation whose name says it is a cache.
    private static (Access Access, IOperation? Key) CacheAccess(IOperation operation, RedisSymbols? redis, DataAccessSymbols data, INamedTypeSymbol? memoryCache, System.Threading.CancellationToken cancellationToken)
    {
        // The name first: it rules out almost every call without asking the compiler anything.
        var name = operation is IInvocationOperation or IInvalidOperation ? OperationHelpers.CalledName(operation) : null;
        var access = name switch
        {
            "StringGet" or "StringGetAsync" or "Get" or "GetAsync" or "GetString" or "GetStringAsync" or "TryGetValue" or "TryGetValueAsync" => Access.Read,
            "StringSet" or "StringSetAsync" or "Set" or "SetAsync" or "SetString" or "SetStringAsync" => Access.Write,
            _ => Access.None,
        };
        if (access == Access.None)
        {
            return (Access.None, null);
        }

        ITypeSymbol? receiver;
        IOperation? key;
        if (operation is IInvocationOperation call)
        {
            var extension = call.TargetMethod.IsExtensionMethod;
            receiver = call.Instance?.Type ?? (extension ? call.Arguments.FirstOrDefault()?.Value.WithoutConversions().Type : null);
            key = call.ValueOf("key") ?? call.Arguments.Skip(extension ? 1 : 0).FirstOrDefault()?.Value.WithoutConversions();
        }
        else if (operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } unbound && operation.SemanticModel is { } model)
        {
            // A call the compiler could not bind (an extension method of a package this compilation does not see).
            receiver = model.GetTypeInfo(member.Expression, cancellationToken).Type;
            key = unbound.ArgumentList.Arguments.FirstOrDefault() is { } first ? model.GetOperation(first.Expression, cancellationToken)?.WithoutConversions() : null;
        }
        else
        {
            return (Access.None, null);
        }

        return receiver is not null && IsCache(receiver, redis, data, memoryCache) ? (access, key) : (Access.None, null);
    }

    private static bool IsCache(ITypeSymbol type, RedisSymbols? redis, DataAccessSymbols data, INamedTypeSymbol? memoryCache)
    {
        bool Is(INamedTypeSymbol? candidate) => candidate is not null
            && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, candidate) || type.AllInterfaces.Contains(candidate, SymbolEqualityComparer.Default));

        return Is(redis?.Database) || Is(redis?.DatabaseAsync) || Is(data.DistributedCache) || Is(memoryCache)
            || (type.DeclaringSyntaxReferences.Length > 0 && type.Name.IndexOf("Cache", System.StringComparison.Ordinal) >= 0);
    }

    // ICachedQuery, ICacheableRequest, IFusionCacheRequest<T>…: an interface whose name says the request is cached.
    private static bool IsCacheMarker(INamedTypeSymbol type) =>
        type.Name.IndexOf("cach", System.StringComparison.OrdinalIgnoreCase) >= 0 && !Regex.IsMatch(type.Name, "invalidat|evict|remov|clear|flush|purge", RegexOptions.IgnoreCase)
        && type.GetMembers().All(m => m is IPropertySymbol || m is IMethodSymbol { AssociatedSymbol: IPropertySymbol });
}
