using CacheGen.EndToEnd.Repositories;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CacheGen.EndToEnd;

[Collection(RedisServerGroup.Name)]
public sealed class EndToEndTests(RedisServerFixture server) : IAsyncLifetime
{
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        var options = RedisServerFixture.NewOptions(server.Endpoint, nameof(EndToEndTests));
        _provider = new ServiceCollection()
            .AddCacheGen(o =>
            {
                o.Redis = options.Redis;
                o.KeyPrefix = options.KeyPrefix;
                o.InvalidationChannel = options.InvalidationChannel;
            })
            .AddCached<IProductRepository, ProductRepository>(ServiceLifetime.Singleton)
            .AddCached<IInventory, Inventory<WarehouseBackend>>(ServiceLifetime.Singleton)
            .Services.BuildServiceProvider();
        await _provider.GetRequiredService<CacheEngine>().Ready.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private IProductRepository Repository => _provider.GetRequiredService<IProductRepository>();

    [Fact]
    public void The_service_is_the_generated_decorator()
    {
        Assert.Equal("ProductRepositoryCachedDecorator", Repository.GetType().Name);
    }

    [Fact]
    public async Task A_miss_loads_and_a_second_call_hits()
    {
        var first = await Repository.GetMonthlyRevenueAsync(2024, 5);
        var second = await Repository.GetMonthlyRevenueAsync(2024, 5);
        Assert.Equal(50m, first.Revenue);
        Assert.Equal(first, second);
        Assert.Equal(1, Repository.RevenueLoads);
    }

    [Fact]
    public async Task An_update_invalidates_through_a_member_path_key()
    {
        var before = await Repository.GetMonthlyRevenueAsync(2024, 5);
        Assert.Equal(50m, before.Revenue);
        Assert.Equal("kettle", (await Repository.FindByNameAsync("kettle"))!.Name);

        await Repository.UpdateProductAsync(new Product(1, "kettle", 35m, 2024, 5));

        var after = await Repository.GetMonthlyRevenueAsync(2024, 5);
        Assert.Equal(55m, after.Revenue);
        Assert.Equal(35m, (await Repository.FindByNameAsync("kettle"))!.Price);
        Assert.Equal(2, Repository.RevenueLoads);
    }

    [Fact]
    public async Task Five_hundred_concurrent_callers_cause_one_load()
    {
        var inner = _provider.GetRequiredService<ProductRepository>();
        inner.LoadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var repository = Repository;
        var calls = Enumerable.Range(0, 500).Select(_ => Task.Run(() => repository.GetMonthlyRevenueAsync(2023, 1))).ToArray();
        while (repository.RevenueLoads == 0)
        {
            await Task.Yield();
        }

        inner.LoadGate.SetResult();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, repository.RevenueLoads);
        Assert.All(results, r => Assert.Equal(results[0], r));
    }

    [Fact]
    public async Task Undecorated_members_are_forwarded()
    {
        Assert.Equal("product 7", Repository.Describe(7));
        Assert.Equal("teapot", (await Repository.GetProductAsync(2))!.Name);
        Assert.Equal(0, Repository.RevenueLoads);
    }

    [Fact]
    public async Task A_generic_implementation_is_decorated_and_invalidated()
    {
        var inventory = _provider.GetRequiredService<IInventory>();
        Assert.Equal("InventoryCachedDecorator`1", inventory.GetType().Name);
        Assert.Equal("warehouse shelf 3, restocked 0", await inventory.DescribeAsync(3));
        Assert.Equal("warehouse shelf 3, restocked 0", await inventory.DescribeAsync(3));
        Assert.Equal(1, inventory.Loads);

        await inventory.RestockAsync(3);
        Assert.Equal("warehouse shelf 3, restocked 1", await inventory.DescribeAsync(3));
        Assert.Equal(2, inventory.Loads);
    }
}
