// Multi-tenant settings over Dapper with CacheGen. The keys use member paths of a query object, the tracing argument is
// [NotCacheKey], results are concrete lists or Dapper's buffered IEnumerable, and the cached single-row reads sort or
// count, so none of them is a bare key lookup.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen;
using Dapper;

namespace Corpus.DapperTenantSettings;

public sealed record SettingsQuery(Guid TenantId, string Section);

public sealed record Setting(string Name, string Value, DateTimeOffset UpdatedAt);

public sealed record FeatureFlag(string Name, bool Enabled);

public sealed class SettingChange
{
    public Guid TenantId { get; set; }
    public string Section { get; set; } = "";
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

public interface ITenantSettings
{
    Task<IReadOnlyList<Setting>> GetSectionAsync(SettingsQuery query, string? traceId, CancellationToken ct = default);
    Task<IEnumerable<FeatureFlag>> GetFlagsAsync(Guid tenantId, CancellationToken ct = default);
    Task<Setting?> GetLatestChangeAsync(Guid tenantId, CancellationToken ct = default);
    Task<int> CountOverridesAsync(Guid tenantId, CancellationToken ct = default);
    Task SaveAsync(SettingChange change, CancellationToken ct = default);
}

public sealed class TenantSettings(IDbConnection db) : ITenantSettings
{
    [Cached("settings:{query.TenantId}:{query.Section}", TtlSeconds = 900, StaleSeconds = 300, LocalTtlSeconds = 30)]
    public async Task<IReadOnlyList<Setting>> GetSectionAsync(SettingsQuery query, [NotCacheKey] string? traceId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Setting>(
            "SELECT Name, Value, UpdatedAt FROM TenantSettings WHERE TenantId = @TenantId AND Section = @Section",
            query);
        return rows.ToList();
    }

    // Dapper buffers by default: the IEnumerable is a List that has already run.
    [Cached("flags:{tenantId}", TtlSeconds = 60)]
    public Task<IEnumerable<FeatureFlag>> GetFlagsAsync(Guid tenantId, CancellationToken ct) =>
        db.QueryAsync<FeatureFlag>(
            "SELECT f.Name, COALESCE(o.Enabled, f.DefaultEnabled) AS Enabled FROM Flags f LEFT JOIN FlagOverrides o ON o.FlagId = f.Id AND o.TenantId = @tenantId",
            new { tenantId });

    [Cached("settings-latest:{tenantId}", TtlSeconds = 30)]
    public Task<Setting?> GetLatestChangeAsync(Guid tenantId, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Setting>(
            "SELECT Name, Value, UpdatedAt FROM TenantSettings WHERE TenantId = @tenantId ORDER BY UpdatedAt DESC",
            new { tenantId });

    [Cached("settings-overrides:{tenantId}", TtlSeconds = 300)]
    public Task<int> CountOverridesAsync(Guid tenantId, CancellationToken ct) =>
        db.QuerySingleAsync<int>("SELECT COUNT(*) FROM FlagOverrides WHERE TenantId = @tenantId", new { tenantId });

    [InvalidatesCache("settings:{change.TenantId}:{change.Section}")]
    [InvalidatesCache("settings-latest:{change.TenantId}")]
    public async Task SaveAsync(SettingChange change, CancellationToken ct)
    {
        await db.ExecuteAsync(
            """
            MERGE TenantSettings AS t
            USING (SELECT @TenantId AS TenantId, @Section AS Section, @Name AS Name) AS s
            ON t.TenantId = s.TenantId AND t.Section = s.Section AND t.Name = s.Name
            WHEN MATCHED THEN UPDATE SET Value = @Value, UpdatedAt = SYSDATETIMEOFFSET()
            WHEN NOT MATCHED THEN INSERT (TenantId, Section, Name, Value, UpdatedAt) VALUES (@TenantId, @Section, @Name, @Value, SYSDATETIMEOFFSET());
            """,
            change);
    }
}
