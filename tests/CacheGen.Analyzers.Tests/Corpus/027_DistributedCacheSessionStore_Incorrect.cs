// Session and cart data in IDistributedCache, persisted with Dapper. Ending a session deletes the row and then only
// removes the cached copy; the cart checkout does the same synchronously. Clearing a cart also publishes on Redis for
// the in-memory copies, and the cart read path sets a sliding expiry.
using System;
using System.Data;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Corpus.DistributedSessions;

public sealed record CartLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record Cart(Guid Id, Guid SessionId, CartLine[] Lines);

public sealed class SessionStore(IDbConnection db, IDistributedCache cache, ISubscriber bus)
{
    private static readonly DistributedCacheEntryOptions CartEntry = new() { SlidingExpiration = TimeSpan.FromMinutes(20) };

    public async Task<Cart?> GetCartAsync(Guid sessionId, CancellationToken ct)
    {
        var key = $"cart:{sessionId:N}";
        var bytes = await cache.GetAsync(key, ct);
        if (bytes is not null)
        {
            return JsonSerializer.Deserialize<Cart>(bytes);
        }

        var cartId = await db.QueryFirstOrDefaultAsync<Guid?>(
            "SELECT TOP 1 Id FROM Carts WHERE SessionId = @sessionId ORDER BY CreatedAt DESC",
            new { sessionId });
        if (cartId is null)
        {
            return null;
        }

        var lines = await db.QueryAsync<CartLine>("SELECT Sku, Quantity, UnitPrice FROM CartLines WHERE CartId = @cartId", new { cartId });
        var cart = new Cart(cartId.Value, sessionId, [.. lines]);
        await cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(cart), CartEntry, ct);
        return cart;
    }

    public async Task EndSessionAsync(Guid sessionId, CancellationToken ct)
    {
        var affected = await db.ExecuteAsync("DELETE FROM Sessions WHERE Id = @sessionId", new { sessionId });
        if (affected > 0)
        {
            await cache.RemoveAsync($"session:{sessionId:N}", ct); // expect: CG1003
        }
    }

    public void Checkout(Guid sessionId, Guid cartId)
    {
        using var transaction = db.BeginTransaction();
        db.Execute("INSERT INTO Orders (CartId) VALUES (@cartId)", new { cartId }, transaction);
        db.Execute("DELETE FROM CartLines WHERE CartId = @cartId", new { cartId }, transaction);
        transaction.Commit();
        cache.Remove($"cart:{sessionId:N}"); // expect: CG1003
    }

    public async Task ClearCartAsync(Guid sessionId, Guid cartId, CancellationToken ct)
    {
        await db.ExecuteAsync("DELETE FROM CartLines WHERE CartId = @cartId", new { cartId });
        var key = $"cart:{sessionId:N}";
        await cache.RemoveAsync(key, ct);
        await bus.PublishAsync(RedisChannel.Literal("cart-evictions"), key);
    }

    // Only reads: touching the sliding expiry after a SELECT is not an invalidation.
    public async Task<bool> TouchAsync(Guid sessionId, CancellationToken ct)
    {
        var alive = await db.ExecuteScalarAsync<bool>("SELECT CASE WHEN EXISTS (SELECT 1 FROM Sessions WHERE Id = @sessionId) THEN 1 ELSE 0 END", new { sessionId });
        if (alive)
        {
            await cache.RefreshAsync($"session:{sessionId:N}", ct);
        }
        else
        {
            await cache.RemoveAsync($"session:{sessionId:N}", ct);
        }

        return alive;
    }
}
