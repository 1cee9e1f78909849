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
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddCacheGenInstrumentation().AddPrometheusExporter());
builder.Services.AddHealthChecks().AddCacheGen();

// Errors as RFC 9457 problem details (application/problem+json), also for an empty 404 or an unhandled exception.
builder.Services.AddProblemDetails();

var app = builder.Build();
using (var scope = app.Services.CreateScope())
{
    await Seeder.EnsureSeededAsync(scope.ServiceProvider.GetRequiredService<ShopDb>(), Console.WriteLine);
}

app.UseExceptionHandler();
app.UseStatusCodePages();

// X-Cache on every response where a cached call ran (what L1 and Redis found: HIT, MISS, STALE, or - when not asked);
// Cache-Control and Varnish's xkey surrogate keys on the endpoints that let a CDN keep their responses.
app.UseCacheGenHttp();
app.MapHealthChecks("/health");

app.MapGet("/products/{id:int}", async (int id, IProductRepository products, CancellationToken ct) =>
    await products.GetProductAsync(id, ct) is { } product ? Results.Ok(product) : ProductNotFound(id));

// Checked before the cache is asked: a year outside the shop's history would otherwise become a cache entry of its own.
app.MapGet("/reports/revenue/{year:int}/{month:int}", async (int year, int month, IProductRepository products, CancellationToken ct) =>
    Validation.Revenue(year, month, DateTime.UtcNow.Year) is { } errors
        ? Results.ValidationProblem(errors)
        : Results.Ok(await products.GetMonthlyRevenueAsync(year, month, ct)))
    .CacheAtEdge(TimeSpan.FromMinutes(1), staleWhileRevalidate: TimeSpan.FromMinutes(5));

app.MapPut("/products/{id:int}", async (int id, ProductUpdate update, IProductRepository products, ShopDb db, CancellationToken ct) =>
{
    if (Validation.Update(update) is { } errors)
    {
        return Results.ValidationProblem(errors);
    }

    var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
    if (product is null)
    {
        return ProductNotFound(id);
    }

    product.Price = update.Price ?? product.Price;
    product.Name = update.Name?.Trim() ?? product.Name;
    await products.UpdateProductAsync(product, ct);
    return Results.Ok(product);
});

app.MapPrometheusScrapingEndpoint("/metrics");

await app.RunAsync();
garnet?.Dispose();
return 0;

static IResult ProductNotFound(int id) =>
    Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Product not found", detail: $"There is no product {id}.");
