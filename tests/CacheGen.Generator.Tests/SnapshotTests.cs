using System.Runtime.CompilerServices;

namespace CacheGen.Generator.Tests;

/// <summary>The generated decorator of each supported shape, compared with its checked-in snapshot.</summary>
public sealed class SnapshotTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using CacheGen;

        """;

    [Fact]
    public void Task_of_T_with_two_int_placeholders() => Verify("""
        namespace Shop;
        public sealed record RevenueReport(int Year, int Month, decimal Revenue);
        public interface IReportRepository
        {
            Task<RevenueReport> GetMonthlyRevenueAsync(int year, int month, CancellationToken ct = default);
        }
        public sealed class ReportRepository : IReportRepository
        {
            [Cached("revenue:{year}:{month}", TtlSeconds = 600, StaleSeconds = 300)]
            public Task<RevenueReport> GetMonthlyRevenueAsync(int year, int month, CancellationToken ct) => Task.FromResult(new RevenueReport(year, month, 0m));
        }
        """);

    [Fact]
    public void ValueTask_of_T_with_L1_and_a_nullable_result() => Verify("""
        namespace Shop;
        public sealed record Customer(Guid Id, string Name);
        public interface ICustomerRepository
        {
            ValueTask<Customer?> FindAsync(Guid id, CancellationToken cancellationToken);
        }
        public sealed class CustomerRepository : ICustomerRepository
        {
            [Cached("customer:{id}", LocalTtlSeconds = 30, JitterPercent = 0)]
            public ValueTask<Customer?> FindAsync(Guid id, CancellationToken cancellationToken) => default;
        }
        """);

    [Fact]
    public void Invalidation_on_Task_by_member_paths() => Verify("""
        namespace Shop;
        public sealed class Product { public int Id { get; set; } public Sale? LastSale { get; set; } }
        public sealed class Sale { public int Year { get; set; } public int Month { get; set; } }
        public interface IProductRepository
        {
            Task<int> CountAsync(int year, int month);
            Task UpdateAsync(Product product, CancellationToken ct = default);
        }
        public sealed class ProductRepository : IProductRepository
        {
            [Cached("sales:{year}:{month}")]
            public Task<int> CountAsync(int year, int month) => Task.FromResult(0);

            [InvalidatesCache("sales:{product.LastSale.Year}:{product.LastSale.Month}")]
            public Task UpdateAsync(Product product, CancellationToken ct) => Task.CompletedTask;
        }
        """);

    [Fact]
    public void Invalidation_on_every_return_shape() => Verify("""
        namespace Shop;
        public interface IWriter
        {
            ValueTask SaveAsync(int id);
            Task<int> SaveAndCountAsync(int id);
            ValueTask<bool> TrySaveAsync(int id, CancellationToken ct);
            void Save(int id);
            int SaveAndCount(int id);
        }
        public sealed class Writer : IWriter
        {
            [InvalidatesCache("item:{id}")] public ValueTask SaveAsync(int id) => default;
            [InvalidatesCache("item:{id}")] public Task<int> SaveAndCountAsync(int id) => Task.FromResult(1);
            [InvalidatesCache("item:{id}")] public ValueTask<bool> TrySaveAsync(int id, CancellationToken ct) => new(true);
            [InvalidatesCache("item:{id}")] public void Save(int id) { }
            [InvalidatesCache("item:{id}")] public int SaveAndCount(int id) => 1;
        }
        """);

    [Fact]
    public void Several_invalidations_on_one_method() => Verify("""
        namespace Shop;
        public interface IOrders { Task PlaceAsync(int customerId, int productId, CancellationToken ct); }
        public sealed class Orders : IOrders
        {
            [InvalidatesCache("orders:{customerId}")]
            [InvalidatesCache("stock:{productId}")]
            [InvalidatesCache("bestsellers")]
            public Task PlaceAsync(int customerId, int productId, CancellationToken ct) => Task.CompletedTask;
        }
        """);

    [Fact]
    public void Nested_class() => Verify("""
        namespace Shop;
        public interface IStock { Task<int> GetAsync(int id); }
        public static class Inventory
        {
            public sealed class Stock : IStock
            {
                [Cached("stock:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id);
            }
        }
        """);

    [Fact]
    public void Global_namespace_and_block_namespace() => Verify("""
        public interface IGlobalRepository { Task<string> GetAsync(string name); }
        public sealed class GlobalRepository : IGlobalRepository
        {
            [Cached("g:{name}")] public Task<string> GetAsync(string name) => Task.FromResult(name);
        }
        namespace Outer.Inner
        {
            public interface IBlockRepository { Task<string> GetAsync(string name); }
            public sealed class BlockRepository : IBlockRepository
            {
                [Cached("b:{name}")] public Task<string> GetAsync(string name) => Task.FromResult(name);
            }
        }
        """);

    [Fact]
    public void Partial_class_spread_over_files() => VerifyFiles(
        """
        namespace Shop;
        public interface ICatalog { Task<string> NameAsync(int id); Task<int> PriceAsync(int id); Task RenameAsync(int id, string name); }
        public sealed partial class Catalog : ICatalog
        {
            [Cached("name:{id}")] public Task<string> NameAsync(int id) => Task.FromResult("n");
        }
        """,
        """
        namespace Shop;
        public sealed partial class Catalog
        {
            [Cached("price:{id}")] public Task<int> PriceAsync(int id) => Task.FromResult(1);
            [InvalidatesCache("name:{id}")] public Task RenameAsync(int id, string name) => Task.CompletedTask;
        }
        """);

    [Fact]
    public void Record_class_with_a_primary_constructor() => Verify("""
        namespace Shop;
        public interface IRates { Task<decimal> RateAsync(string currency); }
        public sealed record Rates(decimal Default) : IRates
        {
            [Cached("rate:{currency}")] public Task<decimal> RateAsync(string currency) => Task.FromResult(Default);
        }
        """);

    [Fact]
    public void Several_interfaces_and_interface_inheritance() => Verify("""
        namespace Shop;
        public interface IReadable { Task<string> ReadAsync(int id); }
        public interface IRepository : IReadable { Task WriteAsync(int id, string value); }
        public interface IAudit { void Log(string message); }
        public interface IUnrelated { void Ping(); }
        public sealed class Repository : IRepository, IAudit, IUnrelated
        {
            [Cached("doc:{id}")] public Task<string> ReadAsync(int id) => Task.FromResult("");
            [InvalidatesCache("doc:{id}")] public Task WriteAsync(int id, string value) => Task.CompletedTask;
            [InvalidatesCache("audit")] public void Log(string message) { }
            public void Ping() { }
        }
        """);

    [Fact]
    public void Interface_with_default_members() => Verify("""
        namespace Shop;
        public interface IPrices
        {
            Task<decimal> GetAsync(int id);
            Task<decimal> GetWithTaxAsync(int id) => Task.FromResult(1.2m);
            string Currency => "EUR";
        }
        public sealed class Prices : IPrices
        {
            [Cached("price:{id}")] public Task<decimal> GetAsync(int id) => Task.FromResult(1m);
        }
        """);

    [Fact]
    public void Parameters_with_defaults_params_and_a_not_cache_key_parameter() => Verify("""
        namespace Shop;
        public interface ISearch
        {
            Task<string[]> SearchAsync(string query, int page = 1, string? traceId = null, CancellationToken ct = default);
            void Tag(int id, params string[] tags);
        }
        public sealed class Search : ISearch
        {
            [Cached("search:{query}:{page}")]
            public Task<string[]> SearchAsync(string query, int page, [NotCacheKey] string? traceId, CancellationToken ct) => Task.FromResult(Array.Empty<string>());

            [InvalidatesCache("tags:{id}")]
            public void Tag(int id, params string[] tags) { }
        }
        """);

    [Fact]
    public void Forwarded_generic_methods_properties_indexers_events_and_ref_parameters() => Verify("""
        namespace Shop;
        public interface IStore
        {
            Task<int> CountAsync(string kind);
            T? Find<T>(int id) where T : class;
            TValue Convert<TValue>(object value) where TValue : struct;
            IEnumerable<T> All<T>();
            string Name { get; set; }
            int this[int index] { get; }
            event EventHandler? Changed;
            bool TryGet(int id, out string value);
            void Swap(ref int a, ref int b);
            int Sum(in int a, in int b);
        }
        public sealed class Store : IStore
        {
            [Cached("count:{kind}")] public Task<int> CountAsync(string kind) => Task.FromResult(0);
            public T? Find<T>(int id) where T : class => null;
            public TValue Convert<TValue>(object value) where TValue : struct => default;
            public IEnumerable<T> All<T>() => Array.Empty<T>();
            public string Name { get; set; } = "";
            public int this[int index] => index;
            public event EventHandler? Changed;
            public bool TryGet(int id, out string value) { value = ""; Changed?.Invoke(this, EventArgs.Empty); return true; }
            public void Swap(ref int a, ref int b) => (a, b) = (b, a);
            public int Sum(in int a, in int b) => a + b;
        }
        """);

    [Fact]
    public void Every_key_type() => Verify("""
        namespace Shop;
        public enum Region : byte { North, South }
        [Flags] public enum Flags : ulong { None = 0, All = ulong.MaxValue }
        public interface IKeys
        {
            Task<int> GetAsync(Guid id, Region region, Flags flags, bool active, DateTime at, DateTimeOffset since, DateOnly day, TimeOnly time, TimeSpan span);
            Task<int> GetMoreAsync(decimal price, double ratio, float scale, long big, ulong huge, short small, char letter, string? name, int? maybe, Region? maybeRegion);
        }
        public sealed class Keys : IKeys
        {
            [Cached("k:{id}:{region}:{flags}:{active}:{at}:{since}:{day}:{time}:{span}")]
            public Task<int> GetAsync(Guid id, Region region, Flags flags, bool active, DateTime at, DateTimeOffset since, DateOnly day, TimeOnly time, TimeSpan span) => Task.FromResult(0);

            [Cached("m:{price}:{ratio}:{scale}:{big}:{huge}:{small}:{letter}:{name}:{maybe}:{maybeRegion}")]
            public Task<int> GetMoreAsync(decimal price, double ratio, float scale, long big, ulong huge, short small, char letter, string? name, int? maybe, Region? maybeRegion) => Task.FromResult(0);
        }
        """);

    [Fact]
    public void A_key_type_with_no_stable_text_is_forwarded_uncached() => Verify("""
        namespace Shop;
        public sealed class Filter { public string Text { get; set; } = ""; }
        public interface IQueries { Task<int> CountAsync(Filter filter); Task<int> CountTextAsync(Filter filter); }
        public sealed class Queries : IQueries
        {
            [Cached("count:{filter}")] public Task<int> CountAsync(Filter filter) => Task.FromResult(0);
            [Cached("text:{filter.Text}")] public Task<int> CountTextAsync(Filter filter) => Task.FromResult(0);
        }
        """);

    [Fact]
    public void Closed_generic_interface() => Verify("""
        namespace Shop;
        public sealed record Product(int Id);
        public interface IRepository<T> { Task<T?> GetAsync(int id, CancellationToken ct); Task SaveAsync(T item, CancellationToken ct); }
        public sealed class ProductRepository : IRepository<Product>
        {
            [Cached("product:{id}")] public Task<Product?> GetAsync(int id, CancellationToken ct) => Task.FromResult<Product?>(null);
            [InvalidatesCache("product:{item.Id}")] public Task SaveAsync(Product item, CancellationToken ct) => Task.CompletedTask;
        }
        """);

    [Fact]
    public void Keyword_and_tuple_like_parameter_names() => Verify("""
        namespace Shop;
        public interface IOdd { Task<int> GetAsync(int @class, string Item1, int Inner); Task<int> NoArgsAsync(); }
        public sealed class Odd : IOdd
        {
            [Cached("odd:{class}:{Item1}:{Inner}")] public Task<int> GetAsync(int @class, string Item1, int Inner) => Task.FromResult(0);
            [Cached("constant")] public Task<int> NoArgsAsync() => Task.FromResult(0);
        }
        """);

    [Fact]
    public void Explicit_interface_implementation_is_decorated() => Verify("""
        namespace Shop;
        public interface IQuotes { Task<string> QuoteAsync(int day); }
        public sealed class Quotes : IQuotes
        {
            [Cached("quote:{day}")] Task<string> IQuotes.QuoteAsync(int day) => Task.FromResult("");
        }
        """);

    [Fact]
    public void Generic_class_implementing_a_closed_interface_registered_by_AddCached() => Verify("""
        using Microsoft.Extensions.DependencyInjection;
        namespace Shop;
        public abstract class Db { }
        public sealed class ShopDb : Db { }
        public interface IInventory { Task<int> CountAsync(int warehouse, CancellationToken ct); Task RestockAsync(int warehouse); }
        public sealed class Inventory<TDb> : IInventory where TDb : Db, new()
        {
            [Cached("stock:{warehouse}")] public Task<int> CountAsync(int warehouse, CancellationToken ct) => Task.FromResult(warehouse);
            [InvalidatesCache("stock:{warehouse}")] public Task RestockAsync(int warehouse) => Task.CompletedTask;
        }
        public static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddCached<IInventory, Inventory<ShopDb>>();
        }
        """);

    [Fact]
    public void Tags_rendered_from_the_key_and_invalidated_by_tag() => Verify("""
        namespace Shop;
        public sealed record Quote(string Region, decimal Price);
        public sealed class Sale { public int Year { get; set; } public string Region { get; set; } = ""; }
        public interface IQuoteRepository
        {
            Task<Quote> GetAsync(string region, int year, decimal price, CancellationToken ct = default);
            Task<int> CountAsync();
            Task RecordAsync(Sale sale);
            void Reprice(string region);
        }
        public sealed class QuoteRepository : IQuoteRepository
        {
            [Cached("quote:{region}:{year}:{price}", LocalTtlSeconds = 30, Tags = ["quotes", "quotes:{region}", "quotes:{region}:{price}"])]
            public Task<Quote> GetAsync(string region, int year, decimal price, CancellationToken ct) => Task.FromResult(new Quote(region, price));

            [Cached("quote-count", Tags = new[] { "quotes" })]
            public Task<int> CountAsync() => Task.FromResult(0);

            [InvalidatesCacheTag("quotes:{sale.Region}")]
            [InvalidatesCache("quote-count")]
            public Task RecordAsync(Sale sale) => Task.CompletedTask;

            [InvalidatesCacheTag("quotes:{region}")]
            public void Reprice(string region) { }
        }
        """);

    private static void Verify(string source, [CallerMemberName] string name = "") => Verify([source], name);

    private static void VerifyFiles(string first, string second, [CallerMemberName] string name = "") => Verify([first, second], name);

    private static void Verify(string[] sources, string name)
    {
        var (result, output, diagnostics) = GeneratorHarness.Run(sources.Select(s => Usings + s).ToArray());
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var generated = result.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(generated);
        var text = string.Join("\n", generated.Select(s => $"// ---- {s.HintName} ----\n{s.SourceText}"));
        Snapshot.Match(text, name);
    }
}
