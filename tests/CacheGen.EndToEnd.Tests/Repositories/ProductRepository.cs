using CacheGen;

namespace CacheGen.EndToEnd.Repositories;

public sealed record Product(int Id, string Name, decimal Price, int LastSoldYear, int LastSoldMonth);

public sealed record RevenueReport(int Year, int Month, decimal Revenue, int Version);

public interface IProductRepository
{
    Task<RevenueReport> GetMonthlyRevenueAsync(int year, int month, CancellationToken ct = default);

    ValueTask<Product?> FindByNameAsync(string name, CancellationToken ct = default);

    Task<Product?> GetProductAsync(int id, CancellationToken ct = default);

    Task UpdateProductAsync(Product product, CancellationToken ct = default);

    int RevenueLoads { get; }

    string Describe(int id);
}

/// <summary>A repository over an in-memory "database" that counts its loads.</summary>
public sealed class ProductRepository : IProductRepository
{
    private readonly Dictionary<int, Product> _products = new()
    {
        [1] = new Product(1, "kettle", 30m, 2024, 5),
        [2] = new Product(2, "teapot", 20m, 2024, 5),
    };

    private int _revenueLoads;
    private int _version;

    public int RevenueLoads => Volatile.Read(ref _revenueLoads);

    public TaskCompletionSource? LoadGate { get; set; }

    [Cached("revenue:{year}:{month}", TtlSeconds = 600, StaleSeconds = 300)]
    public async Task<RevenueReport> GetMonthlyRevenueAsync(int year, int month, CancellationToken ct)
    {
        Interlocked.Increment(ref _revenueLoads);
        if (LoadGate is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }

        lock (_products)
        {
            var revenue = _products.Values.Where(p => p.LastSoldYear == year && p.LastSoldMonth == month).Sum(p => p.Price);
            return new RevenueReport(year, month, revenue, _version);
        }
    }

    [Cached("product-by-name:{name}", LocalTtlSeconds = 60)]
    public ValueTask<Product?> FindByNameAsync(string name, CancellationToken ct)
    {
        lock (_products)
        {
            return ValueTask.FromResult(_products.Values.FirstOrDefault(p => p.Name == name));
        }
    }

    public Task<Product?> GetProductAsync(int id, CancellationToken ct)
    {
        lock (_products)
        {
            return Task.FromResult(_products.GetValueOrDefault(id));
        }
    }

    [InvalidatesCache("revenue:{product.LastSoldYear}:{product.LastSoldMonth}")]
    [InvalidatesCache("product-by-name:{product.Name}")]
    public Task UpdateProductAsync(Product product, CancellationToken ct)
    {
        lock (_products)
        {
            _products[product.Id] = product;
            _version++;
        }

        return Task.CompletedTask;
    }

    public string Describe(int id) => $"product {id}";
}
