// Shipment tracking over Dapper with a hand-written Redis cache, written with the usual mitigations: a jittered TTL on
// every cache-aside write, a double delete after status changes, a delete + publish after a reroute, a multi-key
// warm-up with MSET (not cache-aside), and a write of a key the method never read.
using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using StackExchange.Redis;

namespace Corpus.DapperShipments;

public sealed record TrackingEvent(string Code, string Location, DateTimeOffset At);

public sealed record ShipmentView(Guid Id, string Carrier, string Status, TrackingEvent[] Events);

public sealed class ShipmentTracker(IDbConnection db, IConnectionMultiplexer multiplexer)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private readonly IDatabase _redis = multiplexer.GetDatabase();

    public async Task<ShipmentView?> GetAsync(Guid shipmentId)
    {
        var key = $"shipment:{shipmentId:N}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<ShipmentView>(cached.ToString());
        }

        using var grid = await db.QueryMultipleAsync(
            """
            SELECT s.Id, c.Name AS Carrier, s.Status FROM Shipments s JOIN Carriers c ON c.Id = s.CarrierId WHERE s.Id = @shipmentId;
            SELECT Code, Location, At FROM TrackingEvents WHERE ShipmentId = @shipmentId ORDER BY At;
            """,
            new { shipmentId });
        var head = await grid.ReadSingleOrDefaultAsync<(Guid Id, string Carrier, string Status)?>();
        if (head is null)
        {
            return null;
        }

        var events = (await grid.ReadAsync<TrackingEvent>()).ToArray();
        var view = new ShipmentView(head.Value.Id, head.Value.Carrier, head.Value.Status, events);
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(view), Ttl * (0.9 + Random.Shared.NextDouble() * 0.2));
        return view;
    }

    public async Task RecordEventAsync(Guid shipmentId, TrackingEvent trackingEvent, CancellationToken ct)
    {
        var key = $"shipment:{shipmentId:N}";
        await db.ExecuteAsync(
            "INSERT INTO TrackingEvents (ShipmentId, Code, Location, At) VALUES (@shipmentId, @Code, @Location, @At)",
            new { shipmentId, trackingEvent.Code, trackingEvent.Location, trackingEvent.At });
        await _redis.KeyDeleteAsync(key);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await _redis.KeyDeleteAsync(key);
    }

    public async Task RerouteAsync(Guid shipmentId, int carrierId)
    {
        await db.ExecuteAsync("UPDATE Shipments SET CarrierId = @carrierId WHERE Id = @shipmentId", new { shipmentId, carrierId });
        var key = $"shipment:{shipmentId:N}";
        await _redis.KeyDeleteAsync(key);
        await multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal("shipment-invalidations"), key);
    }

    public async Task WarmUpAsync(IReadOnlyList<ShipmentView> views)
    {
        var lastWarm = await _redis.StringGetAsync("shipments:last-warm-up");
        if (lastWarm.HasValue && DateTimeOffset.Parse(lastWarm.ToString()) > DateTimeOffset.UtcNow.AddMinutes(-1))
        {
            return;
        }

        var pairs = views.Select(v => new KeyValuePair<RedisKey, RedisValue>($"shipment:{v.Id:N}", JsonSerializer.Serialize(v))).ToArray();
        await _redis.StringSetAsync(pairs);
        await _redis.StringSetAsync("shipments:last-warm-up", DateTimeOffset.UtcNow.ToString("O"), TimeSpan.FromHours(1));
    }

    // Records the carrier's last webhook time: a plain write, no read of the key first.
    public async Task MarkWebhookAsync(int carrierId)
    {
        await _redis.StringSetAsync($"carrier:{carrierId}:last-webhook", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }
}
