using CacheGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CacheGen.Analyzers.Tests;

/// <summary>Test projects and program entry points are out of the Redis-practice rules' scope, unless switched back on.</summary>
public sealed class CodeScopeTests
{
    private const string KeysInHelper = """
        using StackExchange.Redis;
        public static class RedisTestHelper
        {
            public static void Clear(IDatabase db) => db.Execute("KEYS", "*");
        }
        """;

    private const string MarkedKeysInHelper = """
        using StackExchange.Redis;
        public static class RedisTestHelper
        {
            public static void Clear(IDatabase db) => db.Execute({|CG1001:"KEYS"|}, "*");
        }
        """;

    [Fact]
    public Task A_project_referencing_a_test_framework_is_out_of_scope() =>
        Run<KeysCommandAnalyzer>(KeysInHelper, testFramework: true);

    [Fact]
    public Task A_project_MSBuild_marks_as_a_test_project_is_out_of_scope() =>
        Run<KeysCommandAnalyzer>(KeysInHelper, config: "build_property.IsTestProject = true");

    [Fact]
    public Task Test_projects_are_analyzed_when_switched_on() =>
        Run<KeysCommandAnalyzer>(MarkedKeysInHelper, testFramework: true, config: "cachegen.analyze_test_projects = true");

    [Fact]
    public Task Application_code_is_analyzed() =>
        Run<KeysCommandAnalyzer>(MarkedKeysInHelper);

    [Fact]
    public Task A_connection_in_Main_its_lambdas_or_its_class_is_out_of_scope_but_not_in_other_classes() => Run<ConnectPerCallAnalyzer>("""
        using System.Threading.Tasks;
        using StackExchange.Redis;
        public static class Program
        {
            public static async Task Main()
            {
                await using var mux = await ConnectionMultiplexer.ConnectAsync("localhost");
                System.Func<Task> again = async () => { await using var m = await ConnectionMultiplexer.ConnectAsync("localhost"); };
                await again();
            }

            private static async Task ScenarioAsync()
            {
                await using var mux = await ConnectionMultiplexer.ConnectAsync("localhost"); // a console tool's helper
                await mux.GetDatabase().PingAsync();
            }
        }

        public sealed class Store
        {
            public static async Task<string?> ReadAsync(string key)
            {
                await using var mux = await {|CG1007:ConnectionMultiplexer.ConnectAsync("localhost")|};
                return await mux.GetDatabase().StringGetAsync(key);
            }
        }
        """);

    [Fact]
    public Task Top_level_statements_are_an_entry_point() => Run<KeyspaceScanAnalyzer>("""
        using StackExchange.Redis;
        var mux = ConnectionMultiplexer.Connect("localhost");
        foreach (var key in mux.GetServer("localhost:6379").Keys(pattern: "old:*"))
        {
            mux.GetDatabase().KeyDelete(key);
        }
        """, outputKind: OutputKind.ConsoleApplication);

    [Fact]
    public Task Entry_points_are_analyzed_when_switched_on() => Run<KeyspaceScanAnalyzer>("""
        using StackExchange.Redis;
        var mux = ConnectionMultiplexer.Connect("localhost");
        foreach (var key in mux.GetServer("localhost:6379").{|CG1002:Keys|}(pattern: "old:*"))
        {
            mux.GetDatabase().KeyDelete(key);
        }
        """, outputKind: OutputKind.ConsoleApplication, config: "cachegen.analyze_entry_points = true");

    private static async Task Run<TAnalyzer>(string source, bool testFramework = false, string? config = null, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.OutputKind = outputKind;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        if (testFramework)
        {
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
        }

        if (config is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + config + "\n"));
        }

        await test.RunAsync();
    }
}
