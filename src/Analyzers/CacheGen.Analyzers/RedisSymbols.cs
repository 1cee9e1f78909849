using Microsoft.CodeAnalysis;

namespace CacheGen.Analyzers;

/// <summary>StackExchange.Redis types the Redis rules match, resolved once per compilation (null when not referenced).</summary>
internal sealed class RedisSymbols
{
    private RedisSymbols(Compilation compilation, INamedTypeSymbol database)
    {
        Database = database;
        DatabaseAsync = KnownTypes.Find(compilation, "StackExchange.Redis.IDatabaseAsync", KnownTypes.Redis);
        Server = KnownTypes.Find(compilation, "StackExchange.Redis.IServer", KnownTypes.Redis);
        LuaScript = KnownTypes.Find(compilation, "StackExchange.Redis.LuaScript", KnownTypes.Redis);
    }

    public INamedTypeSymbol Database { get; }

    public INamedTypeSymbol? DatabaseAsync { get; }

    public INamedTypeSymbol? Server { get; }

    public INamedTypeSymbol? LuaScript { get; }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, Box> Cache = new();

    /// <summary>The symbols of one compilation, resolved once for every rule that asks.</summary>
    public static RedisSymbols? For(Compilation compilation) =>
        Cache.GetValue(compilation, c => new Box(KnownTypes.Find(c, "StackExchange.Redis.IDatabase", KnownTypes.Redis) is { } database ? new RedisSymbols(c, database) : null)).Value;

    private sealed class Box(RedisSymbols? value)
    {
        public RedisSymbols? Value { get; } = value;
    }

    /// <summary>Whether <paramref name="method"/> is declared by <paramref name="type"/> or one of its interfaces, or implements one.</summary>
    public static bool IsMemberOf(IMethodSymbol method, INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        var declaring = method.ContainingType.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(declaring, type) || System.Linq.Enumerable.Contains(type.AllInterfaces, declaring, SymbolEqualityComparer.Default))
        {
            return true;
        }

        // A call on a class that implements the interface (rare: the multiplexer hands out interfaces).
        return System.Linq.Enumerable.Contains(declaring.AllInterfaces, type, SymbolEqualityComparer.Default);
    }
}
