using CacheGen.Analyzers.Rules;

namespace CacheGen.Analyzers.Tests;

public sealed class DeleteOnlyInvalidationTests
{
    private const string Prelude = """
        using System;
        using System.Data;
        using System.Data.Common;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Caching.Distributed;
        using StackExchange.Redis;

        public sealed class Product { public int Id { get; set; } public decimal Price { get; set; } }
        public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options) { public DbSet<Product> Products => Set<Product>(); }

        """;

    [Fact]
    public Task Reports_delete_after_EF_Dapper_and_ADO_writes() => AnalyzerVerifier<DeleteOnlyInvalidationAnalyzer>.VerifyAsync(Prelude + """
        public sealed class Products(ShopDb db, IDatabase redis, IDistributedCache cache, IDbConnection connection, DbCommand command)
        {
            public async Task UpdatePriceAsync(int id, decimal price)
            {
                var product = await db.Products.FindAsync(id);
                product!.Price = price;
                await db.SaveChangesAsync();
                await {|CG1003:redis.KeyDeleteAsync($"product:{id}")|};
            }

            public async Task DeleteAsync(int id)
            {
                await db.Products.Where(p => p.Id == id).ExecuteDeleteAsync();
                await {|CG1003:cache.RemoveAsync($"product:{id}")|};
            }

            public void Rename(int id, string name)
            {
                connection.Execute("update products set name = @name where id = @id", new { id, name });
                {|CG1003:redis.KeyDelete($"product:{id}")|};
            }

            public async Task TouchAsync(int id)
            {
                await command.ExecuteNonQueryAsync();
                {|CG1003:cache.Remove($"product:{id}")|};
            }
        }
        """);

    [Fact]
    public Task Does_not_report_with_a_publish_a_second_delete_no_write_or_a_delete_before_the_write() => AnalyzerVerifier<DeleteOnlyInvalidationAnalyzer>.VerifyAsync(Prelude + """
        public sealed class Products(ShopDb db, IDatabase redis, ISubscriber subscriber, IDistributedCache cache)
        {
            public async Task A(int id)
            {
                await db.SaveChangesAsync();
                await redis.KeyDeleteAsync($"product:{id}");
                await subscriber.PublishAsync(RedisChannel.Literal("cache_invalidation"), $"product:{id}");
            }

            public async Task B(int id)
            {
                await db.SaveChangesAsync();
                await redis.KeyDeleteAsync($"product:{id}");
                await Task.Delay(500);
                await redis.KeyDeleteAsync($"product:{id}");
            }

            public Task C(int id) => redis.KeyDeleteAsync($"product:{id}");

            public async Task D(int id)
            {
                await cache.RemoveAsync($"product:{id}");
                await db.SaveChangesAsync();
            }

            public async Task E(int id)
            {
                await db.Products.Where(p => p.Id == id).ToListAsync();
                await redis.KeyDeleteAsync($"product:{id}");
            }
        }
        """);

    [Fact]
    public Task Reports_a_write_through_a_repository_and_a_delete_through_a_cache_wrapper() => AnalyzerVerifier<DeleteOnlyInvalidationAnalyzer>.VerifyAsync(Prelude + """
        public interface IProductRepository { Task UpdateAsync(Product product); Task<Product?> GetAsync(int id); }
        public sealed class ProductRepository(ShopDb db) : IProductRepository
        {
            public async Task UpdateAsync(Product product) { db.Products.Update(product); await db.SaveChangesAsync(); }
            public Task<Product?> GetAsync(int id) => db.Products.FindAsync(id).AsTask();
        }

        public interface ICacheStore { Task RemoveCacheAsync(string key); Task RemoveNothingAsync(string key); }
        public sealed class RedisCacheStore(IDatabase redis) : ICacheStore
        {
            public Task RemoveCacheAsync(string key) => redis.KeyDeleteAsync(key);
            public Task RemoveNothingAsync(string key) => Task.CompletedTask;
        }

        public sealed class ProductService(IProductRepository repository, ICacheStore cache)
        {
            public async Task SetPriceAsync(Product product)
            {
                await repository.UpdateAsync(product);
                await {|CG1003:cache.RemoveCacheAsync($"product:{product.Id}")|};
            }

            public async Task ReadThenRemoveAsync(int id)
            {
                await repository.GetAsync(id); // reads: not a write
                await cache.RemoveCacheAsync($"product:{id}");
            }

            public async Task WriteThenNothingAsync(Product product)
            {
                await repository.UpdateAsync(product);
                await cache.RemoveNothingAsync($"product:{product.Id}"); // named like a removal, deletes nothing
            }
        }
        """);

    [Fact]
    public Task Reports_an_event_handler_that_only_deletes_for_an_event_published_after_a_write() => AnalyzerVerifier<DeleteOnlyInvalidationAnalyzer>.VerifyAsync(Prelude + """
        public interface IEventBus { Task PublishAsync(object @event); }
        public sealed record ProductPriceChanged(int ProductId);
        public sealed record ProductViewed(int ProductId);
        public sealed class EventEnvelope<T>(T @event) { public T Event { get; } = @event; }

        public sealed class ProductService(ShopDb db, IEventBus bus)
        {
            public async Task SetPriceAsync(Product product, decimal price)
            {
                product.Price = price;
                await db.SaveChangesAsync();
                await bus.PublishAsync(new ProductPriceChanged(product.Id));
            }

            public Task ViewAsync(int id) => bus.PublishAsync(new ProductViewed(id)); // no write: an ordinary event
        }

        public sealed class InvalidateProductCache(IDatabase redis)
        {
            public Task Handle(ProductPriceChanged e, CancellationToken ct) => {|CG1003:redis.KeyDeleteAsync($"product:{e.ProductId}")|};
            public Task Handle(EventEnvelope<ProductPriceChanged> e, CancellationToken ct) => {|CG1003:redis.KeyDeleteAsync($"product:{e.Event.ProductId}")|};
            public Task Handle(ProductViewed e, CancellationToken ct) => redis.KeyDeleteAsync($"recent:{e.ProductId}");
            public Task Forget(ProductPriceChanged e) => redis.KeyDeleteAsync($"product:{e.ProductId}"); // not a handler
        }

        public sealed class PublishingHandler(IDatabase redis)
        {
            public async Task Handle(ProductPriceChanged e, CancellationToken ct)
            {
                await redis.KeyDeleteAsync($"product:{e.ProductId}");
                await redis.PublishAsync(RedisChannel.Literal("invalidate"), $"product:{e.ProductId}"); // tells the other instances
            }
        }
        """);

    [Fact]
    public Task Reports_a_write_the_compiler_could_not_bind_for_an_entity_it_does_not_see() => AnalyzerVerifier<DeleteOnlyInvalidationAnalyzer>.VerifyAsync(
        // The entity's project is not referenced (a partial checkout, code being typed): the calls that take it do not bind.
        Prelude + """
        public interface IBrandRepository { Task<Brand?> GetAsync(long id); Task UpdateAsync(Brand brand); Task<Brand?> FindAsync(long id, Brand like); }
        public sealed class BrandRepository(ShopDb db) : IBrandRepository
        {
            public Task<Brand?> GetAsync(long id) => throw new NotSupportedException();
            public async Task UpdateAsync(Brand brand) { db.Update((object)brand); await db.SaveChangesAsync(); }
            public Task<Brand?> FindAsync(long id, Brand like) => throw new NotSupportedException();
        }

        public sealed class UpdateBrand(IBrandRepository repository, IDatabase redis)
        {
            public async Task ExecuteAsync(long id)
            {
                var brand = await repository.GetAsync(id);
                await repository.UpdateAsync(brand!);
                await {|CG1003:redis.KeyDeleteAsync($"brand:{id}")|};
            }

            public async Task ReadOnlyAsync(long id)
            {
                var brand = await repository.GetAsync(id);
                await repository.FindAsync(id, brand!); // unbound too, but reads
                await redis.KeyDeleteAsync($"brand:{id}");
            }
        }
        """,
        [
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0246").WithSpan(14, 42, 14, 47).WithArguments("Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0246").WithSpan(14, 86, 14, 91).WithArguments("Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0246").WithSpan(14, 105, 14, 110).WithArguments("Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0246").WithSpan(14, 132, 14, 137).WithArguments("Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0246").WithSpan(17, 17, 17, 22).WithArguments("Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0246").WithSpan(18, 35, 18, 40).WithArguments("Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0246").WithSpan(19, 17, 19, 22).WithArguments("Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0246").WithSpan(19, 44, 19, 49).WithArguments("Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS1503").WithSpan(27, 38, 27, 43).WithArguments("1", "Brand?", "Brand"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS1503").WithSpan(34, 40, 34, 45).WithArguments("2", "Brand?", "Brand"),
        ]);
}

public sealed class TrivialLookupCachedTests
{
    private const string Prelude = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.Data;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using CacheGen;
        using Dapper;
        using Microsoft.EntityFrameworkCore;

        public sealed class Product { public int Id { get; set; } public int CategoryId { get; set; } public decimal Price { get; set; } }
        public sealed class Order { [Key] public Guid Number { get; set; } public int ProductId { get; set; } }
        public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Product> Products => Set<Product>();
            public DbSet<Order> Orders => Set<Order>();
        }
        public interface IRepo
        {
            Task<Product?> FindAsync(int id, CancellationToken ct);
            Task<Product?> FirstAsync(int id, CancellationToken ct);
            Task<Order?> OrderAsync(Guid number, CancellationToken ct);
            Task<Product?> SqlAsync(int id);
            Task<decimal> RevenueAsync(int categoryId, CancellationToken ct);
            Task<Product?> ByCategoryAsync(int categoryId, CancellationToken ct);
            Task<Product?> JoinAsync(int id);
            Task<int> CountAsync(int id);
        }

        """;

    [Fact]
    public Task Reports_Find_First_by_key_and_single_row_Dapper_queries_on_the_attribute() => AnalyzerVerifier<TrivialLookupCachedAnalyzer>.VerifyAsync(Prelude + """
        public sealed class Repo(ShopDb db, IDbConnection connection) : IRepo
        {
            [{|CG1004:Cached("p:{id}")|}] public async Task<Product?> FindAsync(int id, CancellationToken ct) => await db.Products.FindAsync([id], ct);
            [{|CG1004:Cached("p1:{id}")|}] public Task<Product?> FirstAsync(int id, CancellationToken ct) => db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            [{|CG1004:Cached("o:{number}")|}] public Task<Order?> OrderAsync(Guid number, CancellationToken ct) { return db.Orders.SingleOrDefaultAsync(o => number == o.Number, ct); }
            [{|CG1004:Cached("s:{id}")|}] public Task<Product?> SqlAsync(int id) => connection.QuerySingleOrDefaultAsync<Product?>("SELECT Id, CategoryId, Price FROM Products WHERE Id = @id", new { id });
            public Task<decimal> RevenueAsync(int categoryId, CancellationToken ct) => Task.FromResult(0m);
            public Task<Product?> ByCategoryAsync(int categoryId, CancellationToken ct) => Task.FromResult<Product?>(null);
            public Task<Product?> JoinAsync(int id) => Task.FromResult<Product?>(null);
            public Task<int> CountAsync(int id) => Task.FromResult(0);
        }
        """);

    [Fact]
    public Task Does_not_report_aggregations_non_key_predicates_joins_or_uncached_lookups() => AnalyzerVerifier<TrivialLookupCachedAnalyzer>.VerifyAsync(Prelude + """
        public sealed class Repo(ShopDb db, IDbConnection connection) : IRepo
        {
            public async Task<Product?> FindAsync(int id, CancellationToken ct) => await db.Products.FindAsync([id], ct);
            [Cached("p1:{id}")] public async Task<Product?> FirstAsync(int id, CancellationToken ct) { var p = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct); p!.Price = await db.Products.Where(x => x.CategoryId == p.CategoryId).SumAsync(x => x.Price, ct); return p; }
            [Cached("o:{number}")] public Task<Order?> OrderAsync(Guid number, CancellationToken ct) => db.Orders.Include(o => o.Number).SingleOrDefaultAsync(o => o.Number == number, ct);
            [Cached("s:{id}")] public Task<Product?> SqlAsync(int id) => connection.QuerySingleOrDefaultAsync<Product?>("SELECT p.* FROM Products p JOIN Categories c ON c.Id = p.CategoryId WHERE p.Id = @id", new { id });
            [Cached("r:{categoryId}")] public Task<decimal> RevenueAsync(int categoryId, CancellationToken ct) => db.Products.Where(p => p.CategoryId == categoryId).SumAsync(p => p.Price, ct);
            [Cached("c:{categoryId}")] public Task<Product?> ByCategoryAsync(int categoryId, CancellationToken ct) => db.Products.FirstOrDefaultAsync(p => p.CategoryId == categoryId, ct);
            [Cached("j:{id}")] public Task<Product?> JoinAsync(int id) => connection.QueryFirstOrDefaultAsync<Product?>("SELECT * FROM Products WHERE Id = @id ORDER BY Price", new { id });
            [Cached("n:{id}")] public Task<int> CountAsync(int id) => connection.QuerySingleAsync<int>("SELECT COUNT(*) FROM Orders WHERE ProductId = @id", new { id });
        }
        """);
}

public sealed class TrivialLookupBehindRepositoriesTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Data;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Caching.Distributed;
        using Microsoft.Extensions.Caching.Memory;

        public sealed class Product { public int Id { get; set; } public string Name { get; set; } = ""; public int CategoryId { get; set; } public List<Product> Related { get; set; } = new(); }
        public sealed class ProductDto { public int Id { get; set; } public string Name { get; set; } = ""; public int Count { get; set; } }
        public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options) { public DbSet<Product> Products => Set<Product>(); }
        public interface IProductRepository
        {
            Task<Product?> GetByIdAsync(int id);
            Task<List<Product>> ListAsync();
        }
        public sealed class ProductRepository(ShopDb db) : IProductRepository
        {
            public async Task<Product?> GetByIdAsync(int id) => await db.Products.Where(p => p.Id == id).FirstOrDefaultAsync();
            public Task<List<Product>> ListAsync() => db.Products.OrderBy(p => p.Name).ToListAsync();
        }
        public interface ICachedQuery { string CacheKey { get; } }
        public sealed class CacheResultAttribute : Attribute { }
        public sealed class InvalidateCacheAttribute : Attribute { }

        """;

    [Fact]
    public Task Reports_key_lookups_behind_a_repository_in_every_cache_shape() => AnalyzerVerifier<TrivialLookupCachedAnalyzer>.VerifyAsync(Prelude + """
        public sealed class Products(IProductRepository repository, IMemoryCache memory, IDistributedCache distributed)
        {
            public Task<Product?> ByMemoryAsync(int id) => memory.{|CG1004:GetOrCreateAsync|}($"p:{id}", _ => repository.GetByIdAsync(id));

            public async Task<Product?> ByDistributedAsync(int id)
            {
                var key = $"p:{id}";
                if (await distributed.GetStringAsync(key) is { } json) return System.Text.Json.JsonSerializer.Deserialize<Product>(json);
                var product = await {|CG1004:repository.GetByIdAsync(id)|};
                await distributed.SetStringAsync(key, System.Text.Json.JsonSerializer.Serialize(product));
                return product;
            }

            [{|CG1004:CacheResult|}]
            public Task<Product?> ByAttributeAsync(int id) => repository.GetByIdAsync(id);
        }

        public sealed record {|CG1004:GetProduct|}(int Id) : ICachedQuery { public string CacheKey => $"p:{Id}"; }
        public sealed class GetProductHandler(ShopDb db)
        {
            public async Task<ProductDto?> Handle(GetProduct request, CancellationToken ct)
            {
                var product = await db.Products.Where(p => p.Id == request.Id).Select(p => new ProductDto { Id = p.Id, Name = p.Name }).SingleOrDefaultAsync(ct);
                return product;
            }
        }

        public class Repository<T>(string table, string connectionString)
        {
            public virtual T? Get(int id)
            {
                using IDbConnection connection = new System.Data.Common.DbConnectionStringBuilder() is { } ? throw new NotSupportedException(connectionString) : null!;
                var sql = $"SELECT * FROM [{table}] WHERE [{IdColumn}] = @id";
                return connection.QuerySingleOrDefault<T>(sql, new { id });
            }

            private string IdColumn => "Id";
        }

        public sealed class CachedRepository<T>(IMemoryCache cache) : Repository<T>("t", "")
        {
            public override T? Get(int id) => cache.{|CG1004:GetOrCreate|}($"t:{id}", _ => base.Get(id));
        }
        """);

    [Fact]
    public Task Stays_quiet_on_lists_projections_searches_and_other_shapes() => AnalyzerVerifier<TrivialLookupCachedAnalyzer>.VerifyAsync(Prelude + """
        public sealed class Products(IProductRepository repository, ShopDb db, IMemoryCache memory, IDistributedCache distributed)
        {
            private readonly ConcurrentDictionary<int, Product?> _seen = new();

            public Task<List<Product>> AllAsync() => memory.GetOrCreateAsync("all", _ => repository.ListAsync())!;

            public Product? Memo(int id) => _seen.GetOrAdd(id, key => db.Products.Find(key));

            public async Task<Product?> TwoQueriesAsync(int id)
            {
                if (await distributed.GetStringAsync($"p:{id}") is { } json) return System.Text.Json.JsonSerializer.Deserialize<Product>(json);
                var product = await repository.GetByIdAsync(id);
                var all = await repository.ListAsync();
                await distributed.SetStringAsync($"p:{id}", System.Text.Json.JsonSerializer.Serialize(product));
                return product;
            }

            public Task<Product?> UncachedAsync(int id) => repository.GetByIdAsync(id);

            [InvalidateCache]
            public Task<Product?> ReloadAsync(int id) => repository.GetByIdAsync(id);

            public Task<ProductDto?> WithCountsAsync(int id) => memory.GetOrCreateAsync($"c:{id}", _ =>
                db.Products.Where(p => p.Id == id).Select(p => new ProductDto { Id = p.Id, Count = p.Related.Count }).FirstOrDefaultAsync());
        }

        public sealed record SearchProducts(string Text) : ICachedQuery { public string CacheKey => $"s:{Text}"; }
        public sealed class SearchProductsHandler(ShopDb db)
        {
            public Task<List<Product>> Handle(SearchProducts request, CancellationToken ct) => db.Products.Where(p => p.Name.Contains(request.Text)).ToListAsync(ct);
        }

        public sealed record GetProductUncached(int Id);
        public sealed class GetProductUncachedHandler(IProductRepository repository)
        {
            public Task<Product?> Handle(GetProductUncached request, CancellationToken ct) => repository.GetByIdAsync(request.Id);
        }
        """);
}

public sealed class DeleteOnlyInvalidationFixTests
{
    private const string Prelude = """
        using System.Threading;
        using System.Threading.Tasks;
        using CacheGen;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Caching.Distributed;
        using StackExchange.Redis;

        public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options);

        """;

    [Fact]
    public Task The_fix_uses_the_invalidator_in_reach_and_fixes_all() => CodeFixVerifier<CacheGen.Analyzers.Rules.DeleteOnlyInvalidationAnalyzer, CacheGen.Analyzers.CodeFixes.DeleteOnlyInvalidationCodeFix>.VerifyAsync(
        Prelude + """
        public sealed class Products(ShopDb db, IDatabase redis, IDistributedCache cache, ICacheInvalidator invalidator)
        {
            public async Task UpdateAsync(int id, CancellationToken ct)
            {
                await db.SaveChangesAsync(ct);
                await {|CG1003:redis.KeyDeleteAsync($"product:{id}")|};
            }

            public async Task RemoveAsync(int id, CancellationToken ct)
            {
                await db.SaveChangesAsync(ct);
                await {|CG1003:cache.RemoveAsync($"product:{id}", ct)|};
            }
        }
        """,
        Prelude + """
        public sealed class Products(ShopDb db, IDatabase redis, IDistributedCache cache, ICacheInvalidator invalidator)
        {
            public async Task UpdateAsync(int id, CancellationToken ct)
            {
                await db.SaveChangesAsync(ct);
                await invalidator.InvalidateAsync($"product:{id}");
            }

            public async Task RemoveAsync(int id, CancellationToken ct)
            {
                await db.SaveChangesAsync(ct);
                await invalidator.InvalidateAsync($"product:{id}", ct);
            }
        }
        """,
        CacheGen.Analyzers.CodeFixes.DeleteOnlyInvalidationCodeFix.UseInvalidator);
}

public sealed class HandWrittenTrivialLookupTests
{
    private const string Prelude = """
        using System;
        using System.Linq;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using StackExchange.Redis;

        public sealed class Product { public int Id { get; set; } public int CategoryId { get; set; } public decimal Price { get; set; } }
        public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options) { public DbSet<Product> Products => Set<Product>(); }

        """;

    [Fact]
    public Task Reports_cache_aside_around_Find() => AnalyzerVerifier<TrivialLookupCachedAnalyzer>.VerifyAsync(Prelude + """
        public sealed class Products(ShopDb db, IDatabase redis)
        {
            public async Task<Product?> GetAsync(int id)
            {
                var key = $"product:{id}";
                var cached = await redis.StringGetAsync(key);
                if (cached.HasValue) return JsonSerializer.Deserialize<Product>(cached.ToString());
                var product = await {|CG1004:db.Products.FindAsync(id)|};
                await redis.StringSetAsync(key, JsonSerializer.Serialize(product), TimeSpan.FromMinutes(5));
                return product;
            }
        }
        """);

    [Fact]
    public Task Does_not_report_cache_aside_around_an_aggregation_or_a_lookup_without_caching() => AnalyzerVerifier<TrivialLookupCachedAnalyzer>.VerifyAsync(Prelude + """
        public sealed class Products(ShopDb db, IDatabase redis)
        {
            public async Task<decimal> RevenueAsync(int categoryId)
            {
                var key = $"revenue:{categoryId}";
                var cached = await redis.StringGetAsync(key);
                if (cached.HasValue) return (decimal)(double)cached;
                var total = await db.Products.Where(p => p.CategoryId == categoryId).SumAsync(p => p.Price);
                await redis.StringSetAsync(key, (double)total, TimeSpan.FromMinutes(5));
                return total;
            }

            public async Task<Product?> GetAsync(int id) => await db.Products.FindAsync(id);
        }
        """);
}

