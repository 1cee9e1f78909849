using System.Text.Json.Serialization;
using CacheGen;

namespace CacheGen.EndToEnd.Repositories;

// The shapes cached values usually have, for the JSON contracts the generator writes (JsonContractTests).
public enum Availability { InStock, Backordered, Discontinued }

public sealed record Money(decimal Amount, string Currency);

public sealed record CatalogPage(
    int Page,
    IReadOnlyList<CatalogItem> Items,
    Dictionary<string, int> CountsByCategory,
    DateTimeOffset GeneratedAt,
    Availability? Filter,
    long[] Ids,
    Guid RequestId,
    TimeSpan Elapsed,
    DateOnly Day,
    string? Note = null);

public sealed class CatalogItem
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    [JsonPropertyName("price")]
    public Money Cost { get; set; } = new(0m, "EUR");

    public List<string> Tags { get; set; } = [];

    public HashSet<int> Related { get; init; } = [];

    public IReadOnlyDictionary<Guid, Availability> Stock { get; init; } = new Dictionary<Guid, Availability>();

    public double? Rating { get; set; }

    [JsonIgnore]
    public string Internal { get; set; } = "not serialized";

    public bool IsCheap => Cost.Amount < 10m;
}

public struct Dimensions
{
    public double Width { get; set; }

    public double Height { get; set; }
}

public readonly record struct Coordinates(double Latitude, double Longitude);

public interface ICatalog
{
    Task<CatalogPage> PageAsync(int page);

    ValueTask<Dimensions> DimensionsAsync(int id);

    Task<Coordinates?> LocationAsync(int id);

    Task<IList<Money>> PricesAsync(int id);
}

public sealed class Catalog : ICatalog
{
    [Cached("catalog:{page}")]
    public Task<CatalogPage> PageAsync(int page) => Task.FromResult(Sample(page));

    [Cached("dimensions:{id}")]
    public ValueTask<Dimensions> DimensionsAsync(int id) => new(new Dimensions { Width = id, Height = 2.5 });

    [Cached("location:{id}")]
    public Task<Coordinates?> LocationAsync(int id) => Task.FromResult<Coordinates?>(id == 0 ? null : new Coordinates(52.5, 13.4));

    [Cached("prices:{id}")]
    public Task<IList<Money>> PricesAsync(int id) => Task.FromResult<IList<Money>>([new Money(1.5m, "EUR"), new Money(2m, "USD")]);

    public static CatalogPage Sample(int page) => new(
        page,
        [
            new CatalogItem
            {
                Id = 1,
                Name = "Kettle \"Classic\"",
                Cost = new Money(24.99m, "EUR"),
                Tags = ["kitchen", "électrique"],
                Related = [2, 3],
                Stock = new Dictionary<Guid, Availability> { [new Guid("8a1f7c2e-0000-4000-8000-000000000001")] = Availability.Backordered },
                Rating = 4.5,
            },
            new CatalogItem { Id = 2, Name = "Mug", Cost = new Money(3m, "EUR"), Rating = null },
        ],
        new Dictionary<string, int> { ["kitchen"] = 2, ["garden"] = 0 },
        new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.FromHours(1)),
        Availability.InStock,
        [1L, long.MaxValue],
        new Guid("8a1f7c2e-0000-4000-8000-0000000000ff"),
        TimeSpan.FromMilliseconds(1234),
        new DateOnly(2026, 12, 3));
}

public interface ILifetimes
{
    Task<int> UnsetAsync(int id);

    Task<int> SetAsync(int id);
}

// A method that sets no lifetime and one that sets its TTL: configuration's defaults apply to the first only.
public sealed class Lifetimes : ILifetimes
{
    [Cached("lifetime-unset:{id}")]
    public Task<int> UnsetAsync(int id) => Task.FromResult(id);

    [Cached("lifetime-set:{id}", TtlSeconds = 900)]
    public Task<int> SetAsync(int id) => Task.FromResult(id);
}
