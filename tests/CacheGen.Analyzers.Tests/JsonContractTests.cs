using CacheGen.Analyzers.Rules;

namespace CacheGen.Analyzers.Tests;

/// <summary>CG0007 against System.Text.Json's real contract: what it reads back, and what it silently loses.</summary>
public sealed class JsonContractTests
{
    private static Task Verify(string types, string methods) => AnalyzerVerifier<NotRoundTrippableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        using System.Text.Json.Serialization;

        """ + types + """

        public interface IRepo { }
        public sealed class Repo : IRepo
        {

        """ + methods + "\n}");

    [Fact]
    public Task Reports_a_property_with_a_private_setter() => Verify("""
        public sealed class Tally { public string Name { get; set; } = ""; public int Count { get; private set; } }
        """, """
            [Cached("t:{id}")] public {|CG0007:Task<Tally>|} GetAsync(int id) => null!;
        """);

    [Fact]
    public Task Says_which_member_is_lost_and_what_to_change() => AnalyzerVerifier<NotRoundTrippableAnalyzer>.VerifyAsync(TestReferences.Usings + """
        public sealed class Tally { public string Name { get; set; } = ""; public int Count { get; private set; } }
        public sealed class Customer { public int Id { get; set; } public List<Order> Orders { get; set; } = new(); }
        public sealed class Order { public int Id { get; set; } public Customer? Customer { get; set; } }
        public interface IRepo { }
        public sealed class Repo : IRepo
        {
            [Cached("t:{id}")] public {|#0:Task<Tally>|} GetAsync(int id) => null!;
            [Cached("o:{id}")] public {|#1:Task<Order>|} OrderAsync(int id) => null!;
        }
        """,
        [
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0007", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "Tally", "Tally.Count has a private setter: System.Text.Json writes it but does not set it back; add [JsonInclude], or bind it with a constructor parameter of the same name"),
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0007", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(1).WithArguments(
                "Order", "Order.Customer.Orders[] leads back to Order: System.Text.Json throws on the cycle when both ends are loaded; [JsonIgnore] the back-reference or cache a projection"),
        ]);

    [Fact]
    public Task Reports_object_declared_results_and_members() => Verify("""
        public sealed class Envelope { public object? Payload { get; set; } }
        """, """
            [Cached("o:{id}")] public {|CG0007:Task<object>|} GetAsync(int id) => null!;
            [Cached("e:{id}")] public {|CG0007:Task<Envelope>|} EnvelopeAsync(int id) => null!;
            [Cached("b:{id}")] public {|CG0007:Task<Dictionary<string, object>>|} BagAsync(int id) => null!;
        """);

    [Fact]
    public Task Reports_constructor_parameters_that_match_no_property() => Verify("""
        public sealed class Account(string accountName, int accountAge) { public string Name { get; } = accountName; public int Age { get; } = accountAge; }
        """, """
            [Cached("a:{id}")] public {|CG0007:Task<Account>|} GetAsync(int id) => null!;
        """);

    [Fact]
    public Task Reports_a_cycle_through_another_type() => Verify("""
        public sealed class Customer { public int Id { get; set; } public List<Order> Orders { get; set; } = new(); }
        public sealed class Order { public int Id { get; set; } public Customer? Customer { get; set; } }
        """, """
            [Cached("o:{id}")] public {|CG0007:Task<Order>|} GetAsync(int id) => null!;
            [Cached("c:{id}")] public {|CG0007:Task<List<Customer>>|} ListAsync(int id) => null!;
        """);

    [Fact]
    public Task Reports_a_System_Type_member() => Verify("""
        public sealed class Handler { public string Name { get; set; } = ""; public Type? Kind { get; set; } }
        """, """
            [Cached("h:{id}")] public {|CG0007:Task<Handler>|} GetAsync(int id) => null!;
        """);

    [Fact]
    public Task Reports_get_only_auto_properties_init_and_constructor_trouble_delegates_and_declared_interfaces() => Verify("""
        public sealed class Snapshot { public int Version { get; } public string Name { get; set; } = ""; }
        public sealed class Sealed { public int Code { get; private init; } }
        public struct Point { public Point(int x, int y) { X = x; Y = y; } public int X { get; } public int Y { get; } }
        public sealed class Ambiguous { public Ambiguous(int a) { A = a; } public Ambiguous(string s) { A = s.Length; } public int A { get; } }
        public sealed class Job { public string Name { get; set; } = ""; public Func<int>? Run { get; set; } }
        public interface IPayment { decimal Amount { get; } }
        public sealed class Checkout { public IPayment? Payment { get; set; } }
        public abstract class Shape { }
        public sealed class Drawing { public List<Shape> Shapes { get; set; } = new(); }
        public sealed class Category { public string Name { get; set; } = ""; public Category? Parent { get; set; } public List<Category> Children { get; set; } = new(); }
        """, """
            [Cached("a:{id}")] public {|CG0007:Task<Snapshot>|} A(int id) => null!;
            [Cached("b:{id}")] public {|CG0007:Task<Sealed>|} B(int id) => null!;
            [Cached("c:{id}")] public {|CG0007:Task<Point>|} C(int id) => null!;
            [Cached("d:{id}")] public {|CG0007:Task<Ambiguous>|} D(int id) => null!;
            [Cached("e:{id}")] public {|CG0007:Task<Job>|} E(int id) => null!;
            [Cached("f:{id}")] public {|CG0007:Task<Checkout>|} F(int id) => null!;
            [Cached("g:{id}")] public {|CG0007:Task<Drawing>|} G(int id) => null!;
            [Cached("h:{id}")] public {|CG0007:ValueTask<Category>|} H(int id) => default;
        """);

    [Fact]
    public Task Stays_quiet_on_types_that_round_trip() => Verify("""
        public sealed record Report(int Year, int Month, decimal Revenue);
        public sealed record Line(string Sku, int Quantity) { public decimal Price { get; init; } public decimal Total => Price * Quantity; }
        public sealed class Plain { public int Id { get; set; } public string Name { get; set; } = ""; }
        public sealed class Counter { public string Name { get; set; } = ""; [JsonInclude] public int Count { get; private set; } }
        public sealed class Reading(string sensor, double value) { public string Sensor { get; } = sensor; public double Value { get; } = value; }
        public sealed class Priced { [JsonConstructor] public Priced(decimal amount, string currency) { Amount = amount; Currency = currency; } public Priced(decimal amount) : this(amount, "EUR") { } public decimal Amount { get; } public string Currency { get; } }
        public sealed class Basket { public Basket(List<int> items) { Items = items; } public List<int> Items { get; } }
        public sealed class Author { public int Id { get; set; } public List<Book> Books { get; set; } = new(); }
        public sealed class Book { public int Id { get; set; } [JsonIgnore] public Author? Author { get; set; } }
        [JsonPolymorphic] [JsonDerivedType(typeof(Circle), "circle")] public abstract class Shape { }
        public sealed class Circle : Shape { public double Radius { get; set; } }
        public sealed class Drawing { public List<Shape> Shapes { get; set; } = new(); }
        public sealed class TreeNode { public string Name { get; set; } = ""; public List<TreeNode> Children { get; set; } = new(); }
        public sealed class Link { public string Url { get; set; } = ""; public Link? Next { get; set; } }
        public readonly record struct Money(decimal Amount, string Currency);
        public enum Status { Open, Closed }
        public sealed class Ticket { public Status Status { get; set; } public DateTimeOffset Opened { get; set; } public Guid Id { get; set; } public int? Priority { get; set; } public Dictionary<string, int> Tags { get; set; } = new(); }
        [JsonConverter(typeof(OpaqueConverter))] public sealed class Opaque { public int Hidden { get; private set; } }
        public sealed class OpaqueConverter : JsonConverter<Opaque> { public override Opaque Read(ref System.Text.Json.Utf8JsonReader r, Type t, System.Text.Json.JsonSerializerOptions o) => new(); public override void Write(System.Text.Json.Utf8JsonWriter w, Opaque v, System.Text.Json.JsonSerializerOptions o) { } }
        public sealed class Listed { public int Count { get; private set; } }
        [JsonSerializable(typeof(Listed))] public abstract class AppJsonContext : JsonSerializerContext { protected AppJsonContext() : base(null) { } } // a generated context in a real project
        public sealed class Computed { public int A { get; set; } public int B { get; set; } public int Sum => A + B; public int Twice { get { return A * 2; } } }
        """, """
            [Cached("a:{id}")] public Task<Report> A(int id) => null!;
            [Cached("b:{id}")] public Task<IReadOnlyList<Line>> B(int id) => null!;
            [Cached("c:{id}")] public Task<Plain> C(int id) => null!;
            [Cached("d:{id}")] public Task<Counter> D(int id) => null!;
            [Cached("e:{id}")] public Task<Reading> E(int id) => null!;
            [Cached("f:{id}")] public Task<Priced> F(int id) => null!;
            [Cached("g:{id}")] public Task<Basket> G(int id) => null!;
            [Cached("h:{id}")] public Task<Author> H(int id) => null!;
            [Cached("i:{id}")] public Task<Drawing> I(int id) => null!;
            [Cached("j:{id}")] public Task<TreeNode> J(int id) => null!;
            [Cached("k:{id}")] public Task<Link> K(int id) => null!;
            [Cached("l:{id}")] public Task<Money> L(int id) => null!;
            [Cached("m:{id}")] public Task<Ticket?> M(int id) => null!;
            [Cached("n:{id}")] public Task<Opaque> N(int id) => null!;
            [Cached("o:{id}")] public Task<Listed> O(int id) => null!;
            [Cached("p:{id}")] public Task<Computed> P(int id) => null!;
            [Cached("q:{id}")] public Task<Status[]> Q(int id) => null!;
            [Cached("r:{id}")] public Task<System.Text.Json.JsonElement> R(int id) => null!;
            [Cached("s:{id}")] public Task<string> S(int id) => null!;
        """);
}

public sealed class OtherSerializerTests
{
    [Fact]
    public async Task With_another_serializer_configured_only_the_serializer_independent_checks_run()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<NotRoundTrippableAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = TestReferences.Usings + """
                public sealed class Tally { public int Count { get; private set; } }
                public interface IRepo { }
                public sealed class Repo : IRepo
                {
                    [Cached("t:{id}")] public Task<Tally> GetAsync(int id) => null!;
                    [Cached("s:{id}")] public {|CG0007:Task<Stream>|} StreamAsync(int id) => null!;
                }
                """,
            ReferenceAssemblies = new Microsoft.CodeAnalysis.Testing.ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ncachegen.serializer = messagepack\n"));
        await test.RunAsync();
    }
}
