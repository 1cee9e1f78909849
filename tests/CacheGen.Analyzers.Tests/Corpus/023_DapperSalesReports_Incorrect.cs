// Reporting queries over Dapper with CacheGen attributes that were copied around without care: a page parameter that
// is not in the key, settings out of range, and cached methods whose return types CacheGen cannot cache.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;

namespace Corpus.DapperSalesReports;

public sealed record DailySales(DateOnly Day, int Orders, decimal Revenue);

public sealed record RegionTotal(string Region, decimal Revenue);

public interface ISalesReports
{
    Task<IReadOnlyList<DailySales>> GetDailySalesAsync(int year, int month, int page, string currency, CancellationToken ct = default);
    Task<IReadOnlyList<RegionTotal>> GetRegionTotalsAsync(int year, CancellationToken ct = default);
    Task<decimal> GetYearRevenueAsync(int year, CancellationToken ct = default);
    decimal GetTodayRevenue(string region);
    Task WarmUpAsync(int year);
    ValueTask<int> CountOrdersAsync(int year, int month, CancellationToken ct = default);
}

public sealed class SalesReports(IDbConnection db) : ISalesReports
{
    [Cached("daily-sales:{year}:{month}", TtlSeconds = 900)]
    public async Task<IReadOnlyList<DailySales>> GetDailySalesAsync(
        int year,
        int month,
        int page, // expect: CG0004
        string currency, // expect: CG0004
        CancellationToken ct)
    {
        var rows = await db.QueryAsync<DailySales>(
            """
            SELECT CAST(PlacedAt AS date) AS Day, COUNT(*) AS Orders, SUM(Total * r.Rate) AS Revenue
            FROM Orders o
            JOIN FxRates r ON r.Currency = @currency
            WHERE YEAR(PlacedAt) = @year AND MONTH(PlacedAt) = @month
            GROUP BY CAST(PlacedAt AS date)
            ORDER BY Day
            OFFSET @skip ROWS FETCH NEXT 31 ROWS ONLY
            """,
            new { year, month, currency, skip = page * 31 });
        return rows.ToList();
    }

    [Cached("region-totals:{year}", TtlSeconds = 0, JitterPercent = 75)] // expect: CG0005, CG0005
    public async Task<IReadOnlyList<RegionTotal>> GetRegionTotalsAsync(int year, CancellationToken ct)
    {
        var rows = await db.QueryAsync<RegionTotal>(
            "SELECT Region, SUM(Total) AS Revenue FROM Orders WHERE YEAR(PlacedAt) = @year GROUP BY Region",
            new { year });
        return rows.ToList();
    }

    [Cached("year-revenue:{year}", TtlSeconds = 3600, StaleSeconds = -60)] // expect: CG0005
    public Task<decimal> GetYearRevenueAsync(int year, CancellationToken ct) =>
        db.ExecuteScalarAsync<decimal>("SELECT COALESCE(SUM(Total), 0) FROM Orders WHERE YEAR(PlacedAt) = @year", new { year });

    [Cached("today-revenue:{region}")]
    public decimal GetTodayRevenue(string region) => // expect: CG0002
        db.ExecuteScalar<decimal>("SELECT COALESCE(SUM(Total), 0) FROM Orders WHERE Region = @region AND PlacedAt >= CAST(GETDATE() AS date)", new { region });

    [Cached("warm-up:{year}")]
    public async Task WarmUpAsync(int year) // expect: CG0002
    {
        await GetRegionTotalsAsync(year, CancellationToken.None);
    }

    // ValueTask<T> is a supported result type; the boundary values are valid.
    [Cached("order-count:{year}:{month}", TtlSeconds = 1, JitterPercent = 50, StaleSeconds = 0, LocalTtlSeconds = 0)]
    public async ValueTask<int> CountOrdersAsync(int year, int month, CancellationToken ct) =>
        await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Orders WHERE YEAR(PlacedAt) = @year AND MONTH(PlacedAt) = @month", new { year, month });
}
