using CacheGen.EndToEnd.Repositories;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CacheGen.EndToEnd;

/// <summary>
/// Arguments that are <c>Equals</c> but render to different keys (decimal scale, the sign of zero, offsets, kinds) never
/// share an in-process entry, before or after invalidations; generated code wraps them in <see cref="CacheKeyPart{T}"/>.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class KeyIdentityTests(RedisServerFixture server) : IAsyncLifetime
{
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        var options = RedisServerFixture.NewOptions(server.Endpoint, nameof(KeyIdentityTests));
        _provider = new ServiceCollection()
            .AddCacheGen(o =>
            {
                o.Redis = options.Redis;
                o.KeyPrefix = options.KeyPrefix;
                o.InvalidationChannel = options.InvalidationChannel;
            })
            .Services.AddSingleton<PriceBook>()
            .AddCached<IPriceBook, PriceBook>(ServiceLifetime.Singleton)
            .BuildServiceProvider();
        await _provider.GetRequiredService<CacheEngine>().Ready.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private IPriceBook Book => _provider.GetRequiredService<IPriceBook>();

    [Fact]
    public async Task Decimal_scale_is_part_of_the_identity()
    {
        Assert.Equal(1.0m, 1.00m);
        Assert.Equal("1.0#r0", await Book.QuoteAsync(1.0m));
        Assert.Equal("1.00#r0", await Book.QuoteAsync(1.00m));

        await Book.ChangeQuoteAsync(1.00m);
        Assert.Equal("1.00#r1", await Book.QuoteAsync(1.00m)); // no longer the other argument's entry
        Assert.Equal("1.0#r0", await Book.QuoteAsync(1.0m));   // and that one was not touched

        await Book.ChangeQuoteAsync(1.0m);
        Assert.Equal("1.0#r1", await Book.QuoteAsync(1.0m));
        Assert.Equal("1.00#r1", await Book.QuoteAsync(1.00m));
    }

    [Fact]
    public async Task The_sign_of_zero_is_part_of_the_identity()
    {
        Assert.Equal(0.0, -0.0);
        Assert.Equal("0#r0", await Book.RateAsync(0.0));
        Assert.Equal("-0#r0", await Book.RateAsync(-0.0));
        Assert.Equal("0#r0", await Book.RateAsync(0.0));
    }

    [Fact]
    public async Task An_offset_is_part_of_the_identity_before_and_after_invalidation()
    {
        var utc = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        var paris = utc.ToOffset(TimeSpan.FromHours(1));
        Assert.Equal(utc, paris);
        Assert.Equal("2026-12-03T10:00:00.0000000+00:00#r0", await Book.SinceAsync(utc));
        Assert.Equal("2026-12-03T11:00:00.0000000+01:00#r0", await Book.SinceAsync(paris));

        await Book.ChangeSinceAsync(paris);
        Assert.Equal("2026-12-03T11:00:00.0000000+01:00#r1", await Book.SinceAsync(paris));
        Assert.Equal("2026-12-03T10:00:00.0000000+00:00#r0", await Book.SinceAsync(utc));
    }

    [Fact]
    public async Task A_DateTime_kind_is_part_of_the_identity()
    {
        var unspecified = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Unspecified);
        var utc = DateTime.SpecifyKind(unspecified, DateTimeKind.Utc);
        Assert.Equal(unspecified, utc);
        Assert.Equal("2026-12-03T10:00:00.0000000#r0", await Book.AtAsync(unspecified));
        Assert.Equal("2026-12-03T10:00:00.0000000Z#r0", await Book.AtAsync(utc));
    }

    [Fact]
    public async Task A_nullable_decimal_keeps_its_scale_and_null_is_its_own_entry()
    {
        Assert.Equal("2.5#r0", await Book.MaybeAsync(2.5m));
        Assert.Equal("2.50#r0", await Book.MaybeAsync(2.50m));
        Assert.Equal("null#r0", await Book.MaybeAsync(null));
        Assert.Equal("2.5#r0", await Book.MaybeAsync(2.5m));
    }
}
