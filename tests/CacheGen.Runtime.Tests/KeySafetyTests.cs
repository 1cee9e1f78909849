using System.Text;
using CacheGen.Internals;
using CacheGen.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class KeySafetyTests(RedisServerFixture server, ITestOutputHelper output)
{
    private static readonly System.Buffers.SearchValues<char> Reserved = System.Buffers.SearchValues.Create("{}*?[]\n\r\0");

    private static readonly CacheKeyTemplate Template = CacheKeyTemplate.Parse("orders:{customer}:{status}");

    private static readonly string[] Atoms =
    [
        "", ":", "{", "}", "*", "?", "[", "]", "\\", "%", "%3A", "%N", "%H", " ", "\n", "\r\n", "\t", "\0",
        "a", "b", "1", "é", "日本", "😀", "\uD800", "\uDC00", "\u00A0", "\u2028", "%u", "{a}", "x:y", "*:*",
    ];

    [Fact]
    public void Distinct_argument_tuples_never_render_to_one_key()
    {
        var random = new Random(4242);
        var seen = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        var samples = 0;

        void Check(string? customer, string? status)
        {
            samples++;
            var key = Template.Render(customer, status);
            if (seen.TryGetValue(key, out var other))
            {
                Assert.True(other == (customer, status), $"{Show(other)} and {Show((customer, status))} both render to \"{key}\"");
            }
            else
            {
                seen.Add(key, (customer, status));
            }

            // What a rendered key must never contain: pattern or hash-tag characters, or raw control characters.
            Assert.True(key.AsSpan().IndexOfAny(Reserved) < 0, $"\"{key}\" contains a reserved character");
        }

        // Every pair of atoms, and every split of a few adversarial strings across the two placeholders.
        foreach (var a in Atoms)
        {
            foreach (var b in Atoms)
            {
                Check(a, b);
            }
        }

        Check(null, null);
        Check(null, "");
        Check("", null);
        Check("%N", null);
        foreach (var whole in new[] { "a:b:c", "1:2", "x%3Ay", "::", "%:%" })
        {
            for (var split = 0; split <= whole.Length; split++)
            {
                Check(whole[..split], whole[split..]);
                Check(whole[..split] + ":", whole[split..]);
            }
        }

        // Random strings built from the atoms, up to 10 kB (long values are hashed).
        for (var i = 0; i < 20_000; i++)
        {
            Check(RandomText(random), RandomText(random));
        }

        var big = new string('x', 10_240);
        Check(big, "a");
        Check(big + "y", "a");
        Check(big[..^1] + ":", "a");
        Check(big, big + ":");
        Check(big + ":" + big, "");

        output.WriteLine($"{samples} tuples, {seen.Count} distinct keys, no collision");
    }

    [Fact]
    public async Task Tuples_that_would_collide_without_escaping_are_distinct_entries_in_redis()
    {
        {
            await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
            var method = set[0].GetCachedMethod<(string, string), string>(new CachePolicy("orders:{customer}:{status}"), k => Template.Render(k.Item1, k.Item2));
            var first = await method.GetOrLoadAsync(("a:b", "c"), 0, (_, _) => ValueTask.FromResult("first"));
            var second = await method.GetOrLoadAsync(("a", "b:c"), 0, (_, _) => ValueTask.FromResult("second"));
            var third = await method.GetOrLoadAsync(("*", "*"), 0, (_, _) => ValueTask.FromResult("third"));

            Assert.Equal(("first", "second", "third"), (first, second, third));
            Assert.Equal("first", await method.GetOrLoadAsync(("a:b", "c"), 0, (_, _) => ValueTask.FromResult("reloaded")));
            Assert.Equal("second", await method.GetOrLoadAsync(("a", "b:c"), 0, (_, _) => ValueTask.FromResult("reloaded")));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("product:{id")]
    [InlineData("product:id}")]
    [InlineData("product:{}")]
    [InlineData("product:{1d}")]
    [InlineData("product:{a}{b}")]
    [InlineData("product: {id}")]
    [InlineData("product:{a.}")]
    public void Invalid_templates_are_rejected_with_a_message_that_says_what_to_change(string template)
    {
        var error = Assert.Throws<FormatException>(() => CacheKeyTemplate.Parse(template));
        Assert.Contains("template", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Templates_expose_their_keyspace_and_placeholders()
    {
        var template = CacheKeyTemplate.Parse("revenue:{year}:{product.LastSoldMonth}");
        Assert.Equal("revenue", template.Keyspace);
        Assert.Equal(["year", "product.LastSoldMonth"], template.Placeholders);
        Assert.Equal("revenue:2024:5", template.Render("2024", "5"));
        Assert.Throws<ArgumentException>(() => template.Render("2024"));
        Assert.Equal("static", CacheKeyTemplate.Parse("static").Render());
    }

    [Fact]
    public void Value_and_lease_keys_of_1000_random_keys_hash_to_one_cluster_slot()
    {
        var random = new Random(7);
        using var connection = ConnectionMultiplexer.Connect("127.0.0.1:1,abortConnect=false,connectTimeout=1");
        for (var i = 0; i < 1000; i++)
        {
            var logical = Template.Render(RandomText(random), RandomText(random));
            var keys = new RedisKeys(i % 2 == 0 ? "" : "app:", logical);
            Assert.Equal(connection.HashSlot(keys.Value), connection.HashSlot(keys.Lease));
        }
    }

    [Fact]
    public void Hand_written_keys_with_braces_cannot_break_the_hash_tag()
    {
        Assert.Equal("user:%7B1%7D", RedisKeys.NormalizeLogicalKey("user:{1}"));
        Assert.Equal(CacheKeyTemplate.Parse("user:{id}").Render("{1}"), RedisKeys.NormalizeLogicalKey("user:{1}"));
        Assert.Throws<ArgumentException>(() => RedisKeys.NormalizeLogicalKey(""));
    }

    private static string RandomText(Random random)
    {
        if (random.Next(50) == 0)
        {
            return new string((char)random.Next('a', 'z'), random.Next(200, 10_240)) + Atoms[random.Next(Atoms.Length)];
        }

        var builder = new StringBuilder();
        var parts = random.Next(0, 5);
        for (var i = 0; i < parts; i++)
        {
            builder.Append(Atoms[random.Next(Atoms.Length)]);
        }

        return builder.ToString();
    }

    private static string Show((string? A, string? B) tuple) =>
        $"({(tuple.A is null ? "null" : "\"" + Escape(tuple.A) + "\"")}, {(tuple.B is null ? "null" : "\"" + Escape(tuple.B) + "\"")})";

    private static string Escape(string s) => s.Length > 40 ? s[..40] + "…" : s.Replace("\n", "\\n", StringComparison.Ordinal);
}
