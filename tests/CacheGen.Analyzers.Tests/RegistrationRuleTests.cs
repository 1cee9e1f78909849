using CacheGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CacheGen.Analyzers.Tests;

/// <summary>CG0008 (AddCached with a class as its service) and CG0009 (a cached class registered without AddCached).</summary>
public sealed class RegistrationRuleTests
{
    private const string Types = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public interface IRepo { Task<int> GetAsync(int id); Task SaveAsync(int id); }
        public sealed class Repo : IRepo
        {
            [Cached("r:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id);
            [InvalidatesCache("r:{id}")] public Task SaveAsync(int id) => Task.CompletedTask;
        }

        public interface IPlain { Task<int> GetAsync(int id); }
        public sealed class Plain : IPlain { public Task<int> GetAsync(int id) => Task.FromResult(id); }

        """;

    private static Task Verify(string body, params DiagnosticResult[] expected) => AnalyzerVerifier<RegistrationAnalyzer>.VerifyAsync(
        TestReferences.Usings + Types + "public static class Setup\n{\n    public static void Configure(IServiceCollection services)\n    {\n" + body + "\n    }\n}\n",
        expected);

    [Fact]
    public Task AddCached_with_a_class_as_the_service_is_an_error_that_names_the_interface() => Verify(
        "services.{|#0:AddCached<Repo, Repo>|}();",
        new DiagnosticResult("CG0008", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Repo", "Repo", "IRepo"));

    [Fact]
    public Task AddCached_with_the_interface_is_quiet() => Verify("""
        services.AddCached<IRepo, Repo>();
        services.AddCached<IRepo, Repo>(ServiceLifetime.Singleton);
        """);

    [Fact]
    public Task Registering_the_cached_class_under_its_interface_directly_is_reported() => Verify(
        """
        services.{|#0:AddScoped<IRepo, Repo>|}();
        services.{|CG0009:AddSingleton<IRepo, Repo>|}();
        services.{|CG0009:AddTransient<IRepo, Repo>|}();
        services.{|CG0009:TryAddScoped<IRepo, Repo>|}();
        services.{|CG0009:TryAddSingleton<IRepo, Repo>|}();
        """,
        new DiagnosticResult("CG0009", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Repo", "AddScoped", "IRepo"));

    [Fact]
    public Task Factories_instances_and_Type_arguments_are_seen_through() => Verify("""
        services.{|CG0009:AddScoped<IRepo>|}(_ => new Repo());
        services.{|CG0009:AddSingleton<IRepo>|}(new Repo());
        services.{|CG0009:AddScoped|}(typeof(IRepo), typeof(Repo));
        services.{|CG0009:AddKeyedScoped<IRepo, Repo>|}("eu");
        """);

    [Fact]
    public Task The_class_registered_on_its_own_is_reported_unless_AddCached_wraps_it() => Verify("""
        services.{|CG0009:AddScoped<Repo>|}();
        """);

    [Fact]
    public Task The_class_registered_on_its_own_next_to_AddCached_is_quiet() => Verify("""
        services.AddCached<IRepo, Repo>();
        services.AddScoped<Repo>();
        services.TryAddScoped<Repo>();
        """);

    [Fact]
    public Task Classes_without_cached_members_and_unknown_factories_are_quiet() => Verify("""
        services.AddScoped<IPlain, Plain>();
        services.AddSingleton<Plain>();
        services.AddScoped(typeof(IPlain), typeof(Plain));
        services.AddScoped<IRepo>(sp => sp.GetRequiredService<Repo>());
        services.AddCached<IRepo, Repo>();
        """);

    [Fact]
    public Task A_method_of_another_type_with_the_same_name_is_quiet() => AnalyzerVerifier<RegistrationAnalyzer>.VerifyAsync(TestReferences.Usings + Types + """
        public static class MyRegistry
        {
            public static void AddScoped<TService, TImplementation>(this System.Collections.Generic.List<string> names) => names.Add(typeof(TImplementation).Name);
        }

        public static class Setup
        {
            public static void Configure(System.Collections.Generic.List<string> names) => names.AddScoped<IRepo, Repo>();
        }
        """);
}
