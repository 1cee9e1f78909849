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
            [Cached("p1:{id}")] public async Task<Product?> FirstAsync(int id, CancellationToken ct) { var p = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct); return p; }
            [Cached("o:{number}")] public Task<Order?> OrderAsync(Guid number, CancellationToken ct) => db.Orders.Include(o => o.Number).SingleOrDefaultAsync(o => o.Number == number, ct);
            [Cached("s:{id}")] public Task<Product?> SqlAsync(int id) => connection.QuerySingleOrDefaultAsync<Product?>("SELECT p.* FROM Products p JOIN Categories c ON c.Id = p.CategoryId WHERE p.Id = @id", new { id });
            [Cached("r:{categoryId}")] public Task<decimal> RevenueAsync(int categoryId, CancellationToken ct) => db.Products.Where(p => p.CategoryId == categoryId).SumAsync(p => p.Price, ct);
            [Cached("c:{categoryId}")] public Task<Product?> ByCategoryAsync(int categoryId, CancellationToken ct) => db.Products.FirstOrDefaultAsync(p => p.CategoryId == categoryId, ct);
            [Cached("j:{id}")] public Task<Product?> JoinAsync(int id) => connection.QueryFirstOrDefaultAsync<Product?>("SELECT * FROM Products WHERE Id = @id ORDER BY Price", new { id });
            [Cached("n:{id}")] public Task<int> CountAsync(int id) => connection.QuerySingleAsync<int>("SELECT COUNT(*) FROM Orders WHERE ProductId = @id", new { id });
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

