using Microsoft.CodeAnalysis;

namespace CacheGen.Analyzers;

/// <summary>EF Core, Dapper and ADO.NET types the data-access rules match, resolved once per compilation.</summary>
internal sealed class DataAccessSymbols
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, DataAccessSymbols> Cache = new();

    private DataAccessSymbols(Compilation compilation)
    {
        DbContext = KnownTypes.Find(compilation, "Microsoft.EntityFrameworkCore.DbContext", KnownTypes.EfCore);
        DbSet = KnownTypes.Find(compilation, "Microsoft.EntityFrameworkCore.DbSet`1", KnownTypes.EfCore);
        EfQueryable = KnownTypes.Find(compilation, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions", KnownTypes.EfCore);
        RelationalQueryable = KnownTypes.Find(compilation, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", KnownTypes.EfRelational);
        Queryable = KnownTypes.FindFramework(compilation, "System.Linq.Queryable", "System.Linq.Queryable", "System.Core", "netstandard");
        SqlMapper = KnownTypes.Find(compilation, "Dapper.SqlMapper", KnownTypes.Dapper);
        DbCommand = KnownTypes.FindFramework(compilation, "System.Data.Common.DbCommand", "System.Data.Common", "System.Data", "netstandard");
        DbCommandInterface = KnownTypes.FindFramework(compilation, "System.Data.IDbCommand", "System.Data.Common", "System.Data", "netstandard");
        DistributedCache = KnownTypes.Find(compilation, "Microsoft.Extensions.Caching.Distributed.IDistributedCache", KnownTypes.CachingAbstractions);
        DistributedCacheExtensions = KnownTypes.Find(compilation, "Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", KnownTypes.CachingAbstractions);
        KeyAttribute = KnownTypes.FindFramework(compilation, "System.ComponentModel.DataAnnotations.KeyAttribute", "System.ComponentModel.Annotations", "System.ComponentModel.DataAnnotations", "netstandard");
    }

    /// <summary>The symbols of one compilation, resolved once for every rule that asks.</summary>
    public static DataAccessSymbols For(Compilation compilation) => Cache.GetValue(compilation, c => new DataAccessSymbols(c));

    public INamedTypeSymbol? DbContext { get; }

    public INamedTypeSymbol? DbSet { get; }

    public INamedTypeSymbol? EfQueryable { get; }

    public INamedTypeSymbol? RelationalQueryable { get; }

    public INamedTypeSymbol? Queryable { get; }

    public INamedTypeSymbol? SqlMapper { get; }

    public INamedTypeSymbol? DbCommand { get; }

    public INamedTypeSymbol? DbCommandInterface { get; }

    public INamedTypeSymbol? DistributedCache { get; }

    public INamedTypeSymbol? DistributedCacheExtensions { get; }

    public INamedTypeSymbol? KeyAttribute { get; }

    public static bool Inherits(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(ISymbol? symbol, INamedTypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(symbol?.OriginalDefinition, type);
}
