using CacheGen;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using Storefront;
using Storefront.Data;

if (args.Contains("demo"))
{
    return await Demo.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);
var (redis, garnet) = StorefrontServices.Redis(builder.Configuration, Console.WriteLine);
builder.Services.AddStorefront(redis, new QueryCounter());
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("CacheGen").AddPrometheusExporter());

var app = builder.Build();
using (var scope = app.Services.CreateScope())
{
    await Seeder.EnsureSeededAsync(scope.ServiceProvider.GetRequiredService<ShopDb>(), Console.WriteLine);
}

// X-Cache: for every cached call of the request, what L1 and Redis found (HIT, MISS, STALE, or - when not asked).
app.Use(async (context, next) =>
{
    using var trace = CacheTrace.Begin();
    context.Response.OnStarting(() =>
    {
        var value = trace.ToHeaderValue();
        context.Response.Headers["X-Cache"] = value.Length == 0 ? "none" : value;
        return Task.CompletedTask;
    });
    await next();
});

app.MapGet("/products/{id:int}", async (int id, IProductRepository products, CancellationToken ct) =>
    await products.GetProductAsync(id, ct) is { } product ? Results.Ok(product) : Results.NotFound());

app.MapGet("/reports/revenue/{year:int}/{month:int}", async (int year, int month, IProductRepository products, CancellationToken ct) =>
    month is < 1 or > 12 ? Results.BadRequest("month must be 1-12") : Results.Ok(await products.GetMonthlyRevenueAsync(year, month, ct)));

app.MapPut("/products/{id:int}", async (int id, ProductUpdate update, IProductRepository products, ShopDb db, CancellationToken ct) =>
{
    var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
    if (product is null)
    {
        return Results.NotFound();
    }

    product.Price = update.Price ?? product.Price;
    product.Name = update.Name ?? product.Name;
    await products.UpdateProductAsync(product, ct);
    return Results.Ok(product);
});

app.MapPrometheusScrapingEndpoint("/metrics");

await app.RunAsync();
garnet?.Dispose();
return 0;
