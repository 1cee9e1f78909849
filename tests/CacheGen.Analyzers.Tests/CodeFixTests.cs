using CacheGen.Analyzers.CodeFixes;
using CacheGen.Analyzers.Rules;

namespace CacheGen.Analyzers.Tests;

public sealed class ParameterNotInKeyFixTests
{
    private const string Before = TestReferences.Usings + """
        public interface IRepo { Task<int> SearchAsync(string query, int page, CancellationToken ct); Task<int> CountAsync(string query, string region); }
        public sealed class Repo : IRepo
        {
            [Cached("search:{query}")]
            public Task<int> SearchAsync(string query, int {|CG0004:page|}, CancellationToken ct) => Task.FromResult(page);

            [Cached("count:{query}")]
            public Task<int> CountAsync(string query, string {|CG0004:region|}) => Task.FromResult(0);
        }
        """;

    [Fact]
    public Task Add_to_key_appends_the_parameter_to_the_template() => CodeFixVerifier<ParameterNotInKeyAnalyzer, ParameterNotInKeyCodeFix>.VerifyAsync(
        TestReferences.Usings + """
        public interface IRepo { Task<int> SearchAsync(string query, int page, CancellationToken ct); }
        public sealed class Repo : IRepo
        {
            [Cached("search:{query}")]
            public Task<int> SearchAsync(string query, int {|CG0004:page|}, CancellationToken ct) => Task.FromResult(page);
        }
        """,
        TestReferences.Usings + """
        public interface IRepo { Task<int> SearchAsync(string query, int page, CancellationToken ct); }
        public sealed class Repo : IRepo
        {
            [Cached("search:{query}:{page}")]
            public Task<int> SearchAsync(string query, int page, CancellationToken ct) => Task.FromResult(page);
        }
        """,
        ParameterNotInKeyCodeFix.AddToKey);

    [Fact]
    public Task Add_to_key_fixes_all_methods() => CodeFixVerifier<ParameterNotInKeyAnalyzer, ParameterNotInKeyCodeFix>.VerifyAsync(
        Before,
        TestReferences.Usings + """
        public interface IRepo { Task<int> SearchAsync(string query, int page, CancellationToken ct); Task<int> CountAsync(string query, string region); }
        public sealed class Repo : IRepo
        {
            [Cached("search:{query}:{page}")]
            public Task<int> SearchAsync(string query, int page, CancellationToken ct) => Task.FromResult(page);

            [Cached("count:{query}:{region}")]
            public Task<int> CountAsync(string query, string region) => Task.FromResult(0);
        }
        """,
        ParameterNotInKeyCodeFix.AddToKey);

    [Fact]
    public Task Mark_NotCacheKey_adds_the_attribute_and_fixes_all() => CodeFixVerifier<ParameterNotInKeyAnalyzer, ParameterNotInKeyCodeFix>.VerifyAsync(
        Before,
        TestReferences.Usings + """
        public interface IRepo { Task<int> SearchAsync(string query, int page, CancellationToken ct); Task<int> CountAsync(string query, string region); }
        public sealed class Repo : IRepo
        {
            [Cached("search:{query}")]
            public Task<int> SearchAsync(string query, [NotCacheKey] int page, CancellationToken ct) => Task.FromResult(page);

            [Cached("count:{query}")]
            public Task<int> CountAsync(string query, [NotCacheKey] string region) => Task.FromResult(0);
        }
        """,
        ParameterNotInKeyCodeFix.MarkNotCacheKey);
}
