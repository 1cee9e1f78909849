using Microsoft.CodeAnalysis;

namespace CacheGen.Analyzers;

/// <summary>EF Core, Dapper and ADO.NET types the data-access rules match, resolved once per compilation.</summary>
internal sealed class DataAccessSymbols
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, DataAccessSymbols> Cache = new();

    private DataAccessSymbols(Compilation compilation)
    {
        DbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
        DbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
        EfQueryable = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
        RelationalQueryable = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
        Queryable = compilation.GetTypeByMetadataName("System.Linq.Queryable");
        SqlMapper = compilation.GetTypeByMetadataName("Dapper.SqlMapper");
        DbCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbCommand");
        DbCommandInterface = compilation.GetTypeByMetadataName("System.Data.IDbCommand");
        DistributedCache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Distributed.IDistributedCache");
        DistributedCacheExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions");
        KeyAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.KeyAttribute");
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
