// Shipment tracking with hand-written Redis invalidation done carefully: delete plus a backplane publish, a delayed
// second delete (double delete), and a delete issued before the write. Cache-aside reads carry an expiry.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Corpus.EfShipments;

public sealed class Shipment
{
    public int Id { get; set; }
    public string TrackingNumber { get; set; } = "";
    public string Carrier { get; set; } = "";
    public List<ShipmentEvent> Events { get; set; } = [];
}

public sealed class ShipmentEvent
{
    public int Id { get; set; }
    public int ShipmentId { get; set; }
    public string Status { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

public sealed record TrackingView(string TrackingNumber, string Carrier, string LastStatus, DateTime? LastUpdateUtc);

public sealed class LogisticsDb(DbContextOptions<LogisticsDb> options) : DbContext(options)
{
    public DbSet<Shipment> Shipments => Set<Shipment>();
    public DbSet<ShipmentEvent> Events => Set<ShipmentEvent>();
}

public sealed class ShipmentTracking(LogisticsDb db, IConnectionMultiplexer redis)
{
    private static readonly RedisChannel Invalidations = RedisChannel.Literal("tracking:invalidate");
    private readonly IDatabase _redis = redis.GetDatabase();

    public async Task<TrackingView?> GetTrackingAsync(string trackingNumber, CancellationToken ct)
    {
        var key = $"tracking:{trackingNumber}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<TrackingView>(cached.ToString());
        }

        var view = await db.Shipments
            .AsNoTracking()
            .Where(s => s.TrackingNumber == trackingNumber)
            .Select(s => new TrackingView(
                s.TrackingNumber,
                s.Carrier,
                s.Events.OrderByDescending(e => e.AtUtc).Select(e => e.Status).FirstOrDefault() ?? "created",
                s.Events.Max(e => (DateTime?)e.AtUtc)))
            .FirstOrDefaultAsync(ct);
        if (view is not null)
        {
            await _redis.StringSetAsync(key, JsonSerializer.Serialize(view), TimeSpan.FromMinutes(2));
        }

        return view;
    }

    public async Task RecordEventAsync(int shipmentId, string status, CancellationToken ct)
    {
        var shipment = await db.Shipments.FindAsync([shipmentId], ct) ?? throw new InvalidOperationException("unknown shipment");
        db.Events.Add(new ShipmentEvent { ShipmentId = shipmentId, Status = status, AtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);

        var key = $"tracking:{shipment.TrackingNumber}";
        await _redis.KeyDeleteAsync(key);
        await _redis.PublishAsync(Invalidations, key);
    }

    public async Task ChangeCarrierAsync(int shipmentId, string carrier, CancellationToken ct)
    {
        var shipment = await db.Shipments.FindAsync([shipmentId], ct) ?? throw new InvalidOperationException("unknown shipment");
        var key = $"tracking:{shipment.TrackingNumber}";
        shipment.Carrier = carrier;
        await db.SaveChangesAsync(ct);

        // Double delete: the second one, after the replica lag window, removes a value a racing reader wrote back.
        await _redis.KeyDeleteAsync(key);
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        await _redis.KeyDeleteAsync(key);
    }

    public async Task ArchiveDeliveredAsync(string trackingNumber, CancellationToken ct)
    {
        await _redis.KeyDeleteAsync($"tracking:{trackingNumber}");
        await db.Shipments.Where(s => s.TrackingNumber == trackingNumber).ExecuteDeleteAsync(ct);
    }
}
