// Dapper catalog with CacheGen used as intended: the category page (JOIN + ORDER BY + paging) and the brand facet
// counts are cached, every parameter is part of the key or marked [NotCacheKey], and the writes invalidate either by
// attribute or through ICacheInvalidator after the SQL has run.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;

namespace Corpus.DapperCatalog;

public enum SortOrder
{
    Name,
    PriceAscending,
    PriceDescending,
}

public sealed record ProductCard(int Id, string Name, string Brand, decimal Price);

public sealed record BrandFacet(string Brand, int Count);

public sealed class ProductEdit
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
}

public interface ICatalogService
{
    Task<IReadOnlyList<ProductCard>> GetCategoryPageAsync(int categoryId, int page, SortOrder sort, string? correlationId, CancellationToken ct = default);
    Task<IReadOnlyList<BrandFacet>> GetBrandFacetsAsync(int categoryId, CancellationToken ct = default);
    Task UpdateProductAsync(ProductEdit edit, CancellationToken ct = default);
    Task MoveProductAsync(int productId, int fromCategoryId, int toCategoryId, CancellationToken ct = default);
}

public sealed class CatalogService(IDbConnection db, ICacheInvalidator invalidator) : ICatalogService
{
    private const int PageSize = 24;

    [Cached("category-page:{categoryId}:{page}:{sort}", TtlSeconds = 120, JitterPercent = 20, LocalTtlSeconds = 10)]
    public async Task<IReadOnlyList<ProductCard>> GetCategoryPageAsync(
        int categoryId,
        int page,
        SortOrder sort,
        [NotCacheKey] string? correlationId,
        CancellationToken ct)
    {
        var orderBy = sort switch
        {
            SortOrder.PriceAscending => "p.Price ASC",
            SortOrder.PriceDescending => "p.Price DESC",
            _ => "p.Name",
        };
        var rows = await db.QueryAsync<ProductCard>(
            $"""
            SELECT p.Id, p.Name, b.Name AS Brand, p.Price
            FROM Products p
            JOIN Brands b ON b.Id = p.BrandId
            WHERE p.CategoryId = @categoryId
            ORDER BY {orderBy}
            OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY
            """,
            new { categoryId, skip = page * PageSize, take = PageSize });
        return rows.ToList();
    }

    [Cached("brand-facets:{categoryId}", TtlSeconds = 300, StaleSeconds = 120)]
    public async Task<IReadOnlyList<BrandFacet>> GetBrandFacetsAsync(int categoryId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<BrandFacet>(
            "SELECT b.Name AS Brand, COUNT(*) AS Count FROM Products p JOIN Brands b ON b.Id = p.BrandId WHERE p.CategoryId = @categoryId GROUP BY b.Name",
            new { categoryId });
        return rows.ToList();
    }

    [InvalidatesCache("brand-facets:{edit.CategoryId}")]
    public async Task UpdateProductAsync(ProductEdit edit, CancellationToken ct)
    {
        await db.ExecuteAsync(
            "UPDATE Products SET Name = @Name, Price = @Price WHERE Id = @Id",
            edit);
    }

    public async Task MoveProductAsync(int productId, int fromCategoryId, int toCategoryId, CancellationToken ct)
    {
        await db.ExecuteAsync(
            "UPDATE Products SET CategoryId = @toCategoryId WHERE Id = @productId",
            new { productId, toCategoryId });
        await invalidator.InvalidateAsync($"brand-facets:{fromCategoryId}", ct);
        await invalidator.InvalidateAsync($"brand-facets:{toCategoryId}", ct);
    }
}
