using Microsoft.CodeAnalysis;

namespace CacheGen.Analyzers;

/// <summary>The CacheGen types the attribute rules look for, resolved once per compilation.</summary>
public sealed class CacheGenSymbols
{
    private CacheGenSymbols(Compilation compilation)
    {
        Cached = KnownTypes.Find(compilation, "CacheGen.CachedAttribute", KnownTypes.CacheGen);
        InvalidatesCache = KnownTypes.Find(compilation, "CacheGen.InvalidatesCacheAttribute", KnownTypes.CacheGen);
        InvalidatesCacheTag = KnownTypes.Find(compilation, "CacheGen.InvalidatesCacheTagAttribute", KnownTypes.CacheGen);
        NotCacheKey = KnownTypes.Find(compilation, "CacheGen.NotCacheKeyAttribute", KnownTypes.CacheGen);
        TaskOfT = KnownTypes.FindFramework(compilation, "System.Threading.Tasks.Task`1", "System.Runtime", "netstandard");
        ValueTaskOfT = KnownTypes.FindFramework(compilation, "System.Threading.Tasks.ValueTask`1", "System.Runtime", "System.Threading.Tasks.Extensions", "netstandard");
        CancellationToken = KnownTypes.FindFramework(compilation, "System.Threading.CancellationToken", "System.Runtime", "netstandard");
    }

    public INamedTypeSymbol? Cached { get; }

    public INamedTypeSymbol? InvalidatesCache { get; }

    public INamedTypeSymbol? InvalidatesCacheTag { get; }

    public INamedTypeSymbol? NotCacheKey { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>Null when the compilation does not reference CacheGen: the attribute rules have nothing to do.</summary>
    public static CacheGenSymbols? For(Compilation compilation) =>
        Cache.GetValue(compilation, c =>
        {
            var symbols = new CacheGenSymbols(c);
            return new Box(symbols.Cached is null && symbols.InvalidatesCache is null ? null : symbols);
        }).Value;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, Box> Cache = new();

    private sealed class Box(CacheGenSymbols? value)
    {
        public CacheGenSymbols? Value { get; } = value;
    }

    public bool IsCached(AttributeData attribute) => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, Cached);

    public bool IsInvalidatesCache(AttributeData attribute) => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, InvalidatesCache);

    public bool IsInvalidatesCacheTag(AttributeData attribute) => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, InvalidatesCacheTag);

    /// <summary>[Cached], [InvalidatesCache] or [InvalidatesCacheTag]: an attribute that makes the generator decorate its method.</summary>
    public bool IsDecorating(AttributeData attribute) => IsCached(attribute) || IsInvalidatesCache(attribute) || IsInvalidatesCacheTag(attribute);

    public bool IsCancellationToken(ITypeSymbol type) => SymbolEqualityComparer.Default.Equals(type, CancellationToken);

    /// <summary>The T of Task&lt;T&gt; or ValueTask&lt;T&gt;, or null.</summary>
    public ITypeSymbol? ResultType(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { IsGenericType: true } named
        && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, TaskOfT) || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTaskOfT))
            ? named.TypeArguments[0]
            : null;
}
