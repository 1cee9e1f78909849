using CacheGen.Analyzers.Rules;

namespace CacheGen.Analyzers.Tests;

public sealed class UnknownPlaceholderTests
{
    private static Task Verify(string body) => AnalyzerVerifier<UnknownPlaceholderAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public sealed class Product { public int Id { get; set; } public Category? Category { get; set; } }
        public sealed class Category { public string Name { get; set; } = ""; }
        public interface IRepo { Task<int> GetAsync(int id, Product product, CancellationToken ct); Task SaveAsync(Product product); }
        public sealed class Repo : IRepo
        {
        """ + body + "\n}");

    [Fact]
    public Task Reports_a_placeholder_naming_no_parameter_on_the_placeholder() => Verify("""
            [Cached("p:{|CG0001:{idd}|}")] public Task<int> GetAsync(int id, Product product, CancellationToken ct) => Task.FromResult(id);
            public Task SaveAsync(Product product) => Task.CompletedTask;
        """);

    [Fact]
    public Task Reports_a_member_path_naming_no_member() => Verify("""
            public Task<int> GetAsync(int id, Product product, CancellationToken ct) => Task.FromResult(id);
            [InvalidatesCache("p:{product.Id}:{|CG0001:{product.Category.Title}|}")] public Task SaveAsync(Product product) => Task.CompletedTask;
        """);

    [Fact]
    public Task Reports_a_malformed_template_where_it_breaks() => Verify("""
            [Cached("p:{id}{|CG0001:{|}product.Id}")] public Task<int> GetAsync(int id, Product product, CancellationToken ct) => Task.FromResult(id);
            public Task SaveAsync(Product product) => Task.CompletedTask;
        """);

    [Fact]
    public Task Does_not_report_valid_parameters_member_paths_keyword_names_or_constant_templates() => Verify("""
            private const string Key = "p:{id}:{product.Category.Name}";
            [Cached(Key)] public Task<int> GetAsync(int id, Product product, CancellationToken ct) => Task.FromResult(id);
            [InvalidatesCache("p:{product.Id}")] public Task SaveAsync(Product product) => Task.CompletedTask;
        """);

    [Fact]
    public Task Does_not_report_unrelated_attributes_with_braces() => Verify("""
            [System.ComponentModel.Description("{nothing}")] public Task<int> GetAsync(int id, Product product, CancellationToken ct) => Task.FromResult(id);
            public Task SaveAsync(Product product) => Task.CompletedTask;
        """);

    [Fact]
    public Task Does_not_report_a_placeholder_naming_a_parameter_case_sensitively_matching() => Verify("""
            [Cached("p:{id}:{ct2}")] public Task<int> GetAsync(int id, Product product, CancellationToken ct) => Task.FromResult(id);
            public Task SaveAsync(Product product) => Task.CompletedTask;
        """.Replace("{ct2}", "{{|CG0001:{Id}|}}", StringComparison.Ordinal).Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal));
}

public sealed class CachedReturnTypeTests
{
    private static Task Verify(string members) => AnalyzerVerifier<CachedReturnTypeAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { int Get(int id); Task RunAsync(int id); ValueTask<int> CountAsync(int id); Task<string> NameAsync(int id); void Touch(int id); }
        public sealed class Repo : IRepo
        {
        """ + members + "\n}");

    [Fact]
    public Task Reports_synchronous_void_and_non_generic_task_results_on_the_return_type() => Verify("""
            [Cached("a:{id}")] public {|CG0002:int|} Get(int id) => id;
            [Cached("b:{id}")] public {|CG0002:Task|} RunAsync(int id) => Task.CompletedTask;
            [Cached("c:{id}")] public {|CG0002:void|} Touch(int id) { }
            public ValueTask<int> CountAsync(int id) => new(id);
            public Task<string> NameAsync(int id) => Task.FromResult("");
        """);

    [Fact]
    public Task Does_not_report_Task_of_T_ValueTask_of_T_or_undecorated_methods() => Verify("""
            public int Get(int id) => id;
            [InvalidatesCache("b:{id}")] public Task RunAsync(int id) => Task.CompletedTask;
            public void Touch(int id) { }
            [Cached("c:{id}")] public ValueTask<int> CountAsync(int id) => new(id);
            [Cached("d:{id}")] public Task<string> NameAsync(int id) => Task.FromResult("");
        """);
}

public sealed class NotDecoratableTests
{
    [Fact]
    public Task Reports_a_method_that_implements_no_interface_member() => AnalyzerVerifier<NotDecoratableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public sealed class Repo
        {
            [{|CG0003:Cached("a:{id}")|}] public Task<int> GetAsync(int id) => Task.FromResult(id);
        }
        """);

    [Fact]
    public Task Reports_static_generic_ref_and_private_nested_shapes() => AnalyzerVerifier<NotDecoratableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<T> GetAsync<T>(int id); Task<int> CountAsync(ref int id); }
        public sealed class Repo : IRepo
        {
            [{|CG0003:Cached("a:{id}")|}] public static Task<int> StaticAsync(int id) => Task.FromResult(id);
            [{|CG0003:Cached("b:{id}")|}] public Task<T> GetAsync<T>(int id) => Task.FromResult(default(T)!);
            [{|CG0003:Cached("c:{id}")|}] public Task<int> CountAsync(ref int id) => Task.FromResult(id);
        }
        public sealed class Outer
        {
            private sealed class Hidden : IHidden { [{|CG0003:Cached("d:{id}")|}] public Task<int> GetAsync(int id) => Task.FromResult(id); }
            public interface IHidden { Task<int> GetAsync(int id); }
        }
        """);

    [Fact]
    public Task Reports_a_key_part_with_no_stable_text_on_the_placeholder() => AnalyzerVerifier<NotDecoratableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public sealed class Filter { public string Text { get; set; } = ""; public int[] Ids { get; set; } = []; }
        public interface IRepo { Task<int> CountAsync(Filter filter); Task<int> CountIdsAsync(Filter filter); }
        public sealed class Repo : IRepo
        {
            [Cached("a:{|CG0003:{filter}|}")] public Task<int> CountAsync(Filter filter) => Task.FromResult(0);
            [Cached("b:{|CG0003:{filter.Ids}|}")] public Task<int> CountIdsAsync(Filter filter) => Task.FromResult(0);
        }
        """);

    [Fact]
    public Task Does_not_report_interface_implementations_explicit_ones_or_formattable_member_paths() => AnalyzerVerifier<NotDecoratableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public enum Region { North }
        public sealed class Filter { public string Text { get; set; } = ""; public Region Region { get; set; } public DateOnly? Day { get; set; } }
        public interface IRepo { Task<int> CountAsync(Filter filter, Guid tenant); Task<int> ExplicitAsync(int id); void Save(ref int version); }
        public sealed class Repo : IRepo
        {
            [Cached("a:{filter.Text}:{filter.Region}:{filter.Day}:{tenant}")] public Task<int> CountAsync(Filter filter, Guid tenant) => Task.FromResult(0);
            [Cached("b:{id}")] Task<int> IRepo.ExplicitAsync(int id) => Task.FromResult(id);
            [InvalidatesCache("v")] public void Save(ref int version) { }
        }
        """);
}

public sealed class ParameterNotInKeyTests
{
    [Fact]
    public Task Reports_a_parameter_missing_from_the_key_on_the_parameter() => AnalyzerVerifier<ParameterNotInKeyAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<int> SearchAsync(string query, int page, CancellationToken ct); }
        public sealed class Repo : IRepo
        {
            [Cached("search:{query}")] public Task<int> SearchAsync(string query, int {|CG0004:page|}, CancellationToken ct) => Task.FromResult(page);
        }
        """);

    [Fact]
    public Task Does_not_report_key_parameters_member_path_roots_cancellation_tokens_or_NotCacheKey() => AnalyzerVerifier<ParameterNotInKeyAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public sealed class Query { public string Text { get; set; } = ""; }
        public interface IRepo { Task<int> SearchAsync(Query query, int page, string traceId, CancellationToken ct); }
        public sealed class Repo : IRepo
        {
            [Cached("search:{query.Text}:{page}")] public Task<int> SearchAsync(Query query, int page, [NotCacheKey] string traceId, CancellationToken ct) => Task.FromResult(page);
        }
        """);

    [Fact]
    public Task Does_not_report_on_invalidation_methods() => AnalyzerVerifier<ParameterNotInKeyAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task SaveAsync(int id, string name); }
        public sealed class Repo : IRepo
        {
            [InvalidatesCache("item:{id}")] public Task SaveAsync(int id, string name) => Task.CompletedTask;
        }
        """);
}

public sealed class InvalidNumbersTests
{
    [Fact]
    public Task Reports_each_out_of_range_number_on_its_argument() => AnalyzerVerifier<InvalidNumbersAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<int> GetAsync(int id); }
        public sealed class Repo : IRepo
        {
            [Cached("a:{id}", {|CG0005:TtlSeconds = 0|}, {|CG0005:JitterPercent = 51|}, {|CG0005:StaleSeconds = -1|}, {|CG0005:LocalTtlSeconds = -5|})]
            public Task<int> GetAsync(int id) => Task.FromResult(id);
        }
        """);

    [Fact]
    public Task Does_not_report_boundary_values() => AnalyzerVerifier<InvalidNumbersAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<int> GetAsync(int id); Task<int> OtherAsync(int id); }
        public sealed class Repo : IRepo
        {
            [Cached("a:{id}", TtlSeconds = 1, JitterPercent = 50, StaleSeconds = 0, LocalTtlSeconds = 0)] public Task<int> GetAsync(int id) => Task.FromResult(id);
            [Cached("b:{id}", JitterPercent = 0)] public Task<int> OtherAsync(int id) => Task.FromResult(id);
        }
        """);
}

public sealed class InvalidationMatchesNothingTests
{
    [Fact]
    public Task Reports_an_invalidation_with_a_typo_in_its_literal_text() => AnalyzerVerifier<InvalidationMatchesNothingAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<int> GetAsync(int id); Task SaveAsync(int orderId); }
        public sealed class Repo : IRepo
        {
            [Cached("order:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id);
            [InvalidatesCache({|CG0006:"orders:{orderId}"|})] public Task SaveAsync(int orderId) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Does_not_report_the_same_shape_with_other_names_in_another_class() => AnalyzerVerifier<InvalidationMatchesNothingAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public sealed class Order { public int Id { get; set; } public int Year { get; set; } }
        public interface IReader { Task<int> GetAsync(int id, int year); }
        public interface IWriter { Task SaveAsync(Order order); }
        public sealed class Reader : IReader { [Cached("order:{id}:{year}")] public Task<int> GetAsync(int id, int year) => Task.FromResult(id); }
        public sealed class Writer : IWriter { [InvalidatesCache("order:{order.Id}:{order.Year}")] public Task SaveAsync(Order order) => Task.CompletedTask; }
        """);

    [Fact]
    public Task Does_not_report_constant_keys_that_match() => AnalyzerVerifier<InvalidationMatchesNothingAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<int> CountAsync(); Task ResetAsync(); }
        public sealed class Repo : IRepo
        {
            [Cached("bestsellers")] public Task<int> CountAsync() => Task.FromResult(1);
            [InvalidatesCache("bestsellers")] public Task ResetAsync() => Task.CompletedTask;
        }
        """);
}

public sealed class NotRoundTrippableTests
{
    [Fact]
    public Task Reports_queryables_streams_delegates_interfaces_and_abstract_types_on_the_return_type() => AnalyzerVerifier<NotRoundTrippableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IShape { }
        public abstract class Animal { }
        public interface IRepo
        {
            Task<IQueryable<int>> QueryAsync(int id); Task<Stream> StreamAsync(int id); Task<Func<int>> FuncAsync(int id);
            Task<IShape> ShapeAsync(int id); Task<Animal> AnimalAsync(int id); Task<List<IShape>> ShapesAsync(int id);
        }
        public sealed class Repo : IRepo
        {
            [Cached("a:{id}")] public {|CG0007:Task<IQueryable<int>>|} QueryAsync(int id) => null!;
            [Cached("b:{id}")] public {|CG0007:Task<Stream>|} StreamAsync(int id) => null!;
            [Cached("c:{id}")] public {|CG0007:Task<Func<int>>|} FuncAsync(int id) => null!;
            [Cached("d:{id}")] public {|CG0007:Task<IShape>|} ShapeAsync(int id) => null!;
            [Cached("e:{id}")] public {|CG0007:Task<Animal>|} AnimalAsync(int id) => null!;
            [Cached("f:{id}")] public {|CG0007:Task<List<IShape>>|} ShapesAsync(int id) => null!;
        }
        """);

    [Fact]
    public Task Does_not_report_records_collections_collection_interfaces_or_polymorphic_types() => AnalyzerVerifier<NotRoundTrippableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        [System.Text.Json.Serialization.JsonDerivedType(typeof(Circle), "circle")]
        public abstract class Shape { }
        public sealed class Circle : Shape { }
        public sealed record Report(int Year, decimal Total);
        public interface IRepo
        {
            Task<Report> ReportAsync(int id); Task<IReadOnlyList<Report>> ListAsync(int id); Task<Dictionary<string, int>> MapAsync(int id);
            ValueTask<Shape> ShapeAsync(int id); Task<int?> MaybeAsync(int id); Task<byte[]> BytesAsync(int id);
        }
        public sealed class Repo : IRepo
        {
            [Cached("a:{id}")] public Task<Report> ReportAsync(int id) => null!;
            [Cached("b:{id}")] public Task<IReadOnlyList<Report>> ListAsync(int id) => null!;
            [Cached("c:{id}")] public Task<Dictionary<string, int>> MapAsync(int id) => null!;
            [Cached("d:{id}")] public ValueTask<Shape> ShapeAsync(int id) => default;
            [Cached("e:{id}")] public Task<int?> MaybeAsync(int id) => null!;
            [Cached("f:{id}")] public Task<byte[]> BytesAsync(int id) => null!;
        }
        """);
}

public sealed class LazyEnumerableTests
{
    [Fact]
    public Task Reports_a_deferred_query_returned_as_IEnumerable() => AnalyzerVerifier<NotRoundTrippableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<IEnumerable<int>> EvensAsync(int max); Task<IEnumerable<string>> NamesAsync(int max); }
        public sealed class Repo : IRepo
        {
            private readonly List<int> _items = new();
            [Cached("e:{max}")] public Task<IEnumerable<int>> EvensAsync(int max) => Task.FromResult({|CG0007:_items.Where(i => i % 2 == 0 && i < max)|});
            [Cached("n:{max}")] public async Task<IEnumerable<string>> NamesAsync(int max) { await Task.Yield(); return {|CG0007:_items.Select(i => i.ToString())|}; }
        }
        """);

    [Fact]
    public Task Does_not_report_materialized_results() => AnalyzerVerifier<NotRoundTrippableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<IEnumerable<int>> EvensAsync(int max); Task<IEnumerable<string>> NamesAsync(int max); }
        public sealed class Repo : IRepo
        {
            private readonly List<int> _items = new();
            [Cached("e:{max}")] public Task<IEnumerable<int>> EvensAsync(int max) => Task.FromResult<IEnumerable<int>>(_items.Where(i => i < max).ToList());
            [Cached("n:{max}")] public async Task<IEnumerable<string>> NamesAsync(int max) { await Task.Yield(); return _items.Select(i => i.ToString()).ToArray(); }
        }
        """);
}


public sealed class InvalidTagTests
{
    private static Task Verify(string body) => AnalyzerVerifier<InvalidTagAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public sealed class Product { public int Id { get; set; } public int CategoryId { get; set; } }
        public interface IRepo { Task<int> GetAsync(int year, int month, CancellationToken ct); Task SaveAsync(Product product); }
        public sealed class Repo : IRepo
        {
        """ + body + "\n}");

    [Fact]
    public Task Reports_a_cached_tag_placeholder_that_is_not_part_of_the_key() => Verify("""
            [Cached("revenue:{year}:{month}", Tags = ["revenue", "revenue:{year}", "revenue:{|CG0010:{ct}|}"])] public Task<int> GetAsync(int year, int month, CancellationToken ct) => Task.FromResult(year);
            [InvalidatesCacheTag("revenue")] public Task SaveAsync(Product product) => Task.CompletedTask;
        """);

    [Fact]
    public Task Reports_a_cached_tag_naming_no_parameter_and_a_malformed_tag() => Verify("""
            [Cached("revenue:{year}:{month}", Tags = new[] { "revenue:{|CG0010:{yaer}|}", "revenue:{month}{|CG0010:{|}" })] public Task<int> GetAsync(int year, int month, CancellationToken ct) => Task.FromResult(year);
            public Task SaveAsync(Product product) => Task.CompletedTask;
        """);

    [Fact]
    public Task Reports_an_invalidated_tag_naming_no_member() => Verify("""
            [Cached("revenue:{year}:{month}", Tags = ["product"])] public Task<int> GetAsync(int year, int month, CancellationToken ct) => Task.FromResult(year);
            [InvalidatesCacheTag("product:{|CG0010:{product.Sku}|}")] public Task SaveAsync(Product product) => Task.CompletedTask;
        """);

    [Fact]
    public Task Does_not_report_tags_over_key_placeholders_constant_tags_and_member_paths() => Verify("""
            [Cached("revenue:{year}:{month}", Tags = ["revenue", "revenue:{year}", "revenue:{year}:{month}"])] public Task<int> GetAsync(int year, int month, CancellationToken ct) => Task.FromResult(year);
            [InvalidatesCacheTag("category:{product.CategoryId}")] [InvalidatesCacheTag("revenue")] public Task SaveAsync(Product product) => Task.CompletedTask;
        """);
}

public sealed class TagMatchesNothingTests
{
    [Fact]
    public Task Reports_an_invalidated_tag_no_cached_method_declares() => AnalyzerVerifier<InvalidationMatchesNothingAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public interface IRepo { Task<int> GetAsync(int year, int month); Task SaveAsync(int productId); }
        public sealed class Repo : IRepo
        {
            [Cached("revenue:{year}:{month}", Tags = ["revenue", "revenue:{year}"])] public Task<int> GetAsync(int year, int month) => Task.FromResult(year);
            [InvalidatesCacheTag({|CG0011:"revenues"|})] [InvalidatesCacheTag({|CG0011:"product:{productId}"|})] public Task SaveAsync(int productId) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Does_not_report_a_tag_of_the_same_shape_declared_in_another_class() => AnalyzerVerifier<InvalidationMatchesNothingAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public sealed class Sale { public int Year { get; set; } }
        public interface IReader { Task<int> GetAsync(int year, int month); }
        public interface IWriter { Task SaveAsync(Sale sale); }
        public sealed class Reader : IReader { [Cached("revenue:{year}:{month}", Tags = ["revenue", "revenue:{year}"])] public Task<int> GetAsync(int year, int month) => Task.FromResult(year); }
        public sealed class Writer : IWriter { [InvalidatesCacheTag("revenue:{sale.Year}")] [InvalidatesCacheTag("revenue")] public Task SaveAsync(Sale sale) => Task.CompletedTask; }
        """);
}
