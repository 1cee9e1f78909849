using CacheGen.Analyzers.Rules;

namespace CacheGen.Analyzers.Tests;

public sealed class KeysCommandTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using StackExchange.Redis;

        """;

    [Fact]
    public Task Reports_Execute_with_a_KEYS_literal_in_any_case() => AnalyzerVerifier<KeysCommandAnalyzer>.VerifyAsync(Usings + """
        public sealed class Cleaner(IDatabase db, IServer server)
        {
            public RedisResult A() => db.Execute({|CG1001:"KEYS"|}, "user:*");
            public Task<RedisResult> B() => db.ExecuteAsync({|CG1001:"keys"|}, "user:*");
            public RedisResult C() => server.Execute({|CG1001:"Keys"|}, "*");
        }
        """);

    [Fact]
    public Task Reports_scripts_that_call_KEYS_as_literals_or_constants_declared_elsewhere() => AnalyzerVerifier<KeysCommandAnalyzer>.VerifyAsync(Usings + """
        public static class Scripts { public const string DeleteAll = "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end"; }
        public sealed class Cleaner(IDatabase db)
        {
            private const string Local = "return redis.pcall( \"keys\" , '*')";
            public RedisResult A() => db.ScriptEvaluate({|CG1001:Scripts.DeleteAll|}, null, new RedisValue[] { "user:*" });
            public Task<RedisResult> B() => db.ScriptEvaluateAsync({|CG1001:Local|});
            public LuaScript C() => LuaScript.Prepare({|CG1001:"return redis.call('KEYS', @pattern)"|});
        }
        """);

    [Fact]
    public Task Reports_scripts_held_in_readonly_fields_and_locals() => AnalyzerVerifier<KeysCommandAnalyzer>.VerifyAsync(Usings + """
        public static class Scripts
        {
            public static readonly string ClearPrefix = "local keys = redis.call('keys', ARGV[1]) " + @"for i = 1, #keys do redis.call('del', keys[i]) end";
            public static readonly string Safe = "return redis.call('GET', KEYS[1])";
        }

        public sealed class Cleaner(IDatabase db)
        {
            private readonly string _count = "return #redis.call('KEYS', ARGV[1])";
            public RedisResult A() => db.ScriptEvaluate({|CG1001:Scripts.ClearPrefix|}, null, new RedisValue[] { "user:*" });
            public RedisResult B() => db.ScriptEvaluate({|CG1001:_count|});
            public RedisResult C()
            {
                var script = "return redis.call('keys', '*')";
                return db.ScriptEvaluate({|CG1001:script|});
            }

            public RedisResult D() => db.ScriptEvaluate(Scripts.Safe, new RedisKey[] { "k" });
            public RedisResult E(bool all)
            {
                var script = "return redis.call('keys', '*')";
                if (!all) script = "return redis.call('GET', KEYS[1])";
                return db.ScriptEvaluate(script); // assigned twice: which script runs is not known here
            }
        }
        """);

    [Fact]
    public async Task Reports_KEYS_in_lua_files_among_the_AdditionalFiles_and_nothing_in_other_files()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<KeysCommandAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = Usings + "public sealed class Uses(IDatabase db) { }",
            ReferenceAssemblies = new Microsoft.CodeAnalysis.Testing.ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AdditionalFiles.Add(("Scripts/clear.lua", "-- clears a prefix\nlocal keys = redis.call('KEYS', ARGV[1])\nfor i = 1, #keys do redis.call('DEL', keys[i]) end\n"));
        test.TestState.AdditionalFiles.Add(("Scripts/get.lua", "return redis.call('GET', KEYS[1])\n"));
        test.TestState.AdditionalFiles.Add(("notes.txt", "redis.call('KEYS', '*') is slow\n"));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(CacheGen.Analyzers.Descriptors.KeysCommand).WithSpan("Scripts/clear.lua", 2, 14, 2, 31).WithArguments("The script clear.lua"));
        await test.RunAsync();
    }

    [Fact]
    public Task Does_not_report_the_KEYS_argument_table_other_commands_or_unrelated_Execute_methods() => AnalyzerVerifier<KeysCommandAnalyzer>.VerifyAsync(Usings + """
        public sealed class Runner { public object Execute(string command, params object[] args) => command; }
        public sealed class Store(IDatabase db, Runner runner)
        {
            public RedisResult A() => db.ScriptEvaluate("return redis.call('GET', KEYS[1])", new RedisKey[] { "k" });
            public RedisResult B() => db.ScriptEvaluate("for i, k in ipairs(KEYS) do redis.call('DEL', k) end", new RedisKey[] { "a", "b" });
            public RedisResult C() => db.Execute("SCAN", "0", "MATCH", "user:*");
            public object D() => runner.Execute("KEYS", "*");
            public RedisResult E(string command) => db.Execute(command);
            public RedisValue F() => db.StringGet("KEYS");
        }
        """);
}

public sealed class KeyspaceScanTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using StackExchange.Redis;

        """;

    [Fact]
    public Task Reports_IServer_Keys_and_KeysAsync_on_the_method_name() => AnalyzerVerifier<KeyspaceScanAnalyzer>.VerifyAsync(Usings + """
        public sealed class Cleaner(IConnectionMultiplexer mux)
        {
            public IEnumerable<RedisKey> A() => mux.GetServer("localhost", 6379).{|CG1002:Keys|}(pattern: "user:*");
            public IAsyncEnumerable<RedisKey> B(IServer server) => server.{|CG1002:KeysAsync|}(pattern: "user:*");
        }
        """);

    [Fact]
    public Task Does_not_report_deleting_every_key_where_FLUSHDB_is_refused_but_does_a_pattern_or_a_plain_listing() => AnalyzerVerifier<KeyspaceScanAnalyzer>.VerifyAsync(Usings + """
        public sealed class Cleaner(IConnectionMultiplexer mux, IDatabase db)
        {
            public async Task ClearAsync(IServer server)
            {
                try { await server.FlushDatabaseAsync(); return; }
                catch (RedisServerException) { }
                await foreach (var key in server.KeysAsync()) await db.KeyDeleteAsync(key);
            }

            public void Clear(IServer server)
            {
                try { server.FlushDatabase(); return; }
                catch (RedisServerException) { }
                foreach (var key in server.Keys(pattern: "*")) db.KeyDelete(key);
            }

            public async Task ClearUsersAsync(IServer server)
            {
                try { await server.FlushDatabaseAsync(); return; }
                catch (RedisServerException) { }
                await foreach (var key in server.{|CG1002:KeysAsync|}(pattern: "user:*")) await db.KeyDeleteAsync(key); // a pattern: a lookup
            }

            public IEnumerable<RedisKey> All(IServer server) => server.{|CG1002:Keys|}(); // no flush: a listing on a request path
        }
        """);

    [Fact]
    public Task Does_not_report_HashKeys_a_users_own_KeysAsync_or_SetMembers() => AnalyzerVerifier<KeyspaceScanAnalyzer>.VerifyAsync(Usings + """
        public sealed class Index { public Task<string[]> KeysAsync(string pattern) => Task.FromResult(new string[0]); public string[] Keys() => new string[0]; }
        public sealed class Store(IDatabase db, Index index)
        {
            public RedisValue[] A() => db.HashKeys("user:1");
            public Task<string[]> B() => index.KeysAsync("user:*");
            public RedisValue[] C() => db.SetMembers("user:keys");
            public string[] D() => index.Keys();
        }
        """);
}
