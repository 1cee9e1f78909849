using CacheGen.Analyzers.CodeFixes;
using CacheGen.Analyzers.Rules;

namespace CacheGen.Analyzers.Tests;

public sealed class UnsafeLockReleaseTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using StackExchange.Redis;

        """;

    [Fact]
    public Task Reports_the_seed_articles_lock_released_by_KeyDelete() => AnalyzerVerifier<UnsafeLockReleaseAnalyzer>.VerifyAsync(Usings + """
        public sealed class Products(IDatabase db)
        {
            public string Load(int id)
            {
                var lockKey = $"lock:product:{id}";
                if (db.StringSet(lockKey, "locked", TimeSpan.FromSeconds(5), When.NotExists))
                {
                    try { return "data"; }
                    finally { {|CG1005:db.KeyDelete(lockKey)|}; }
                }

                return "";
            }

            public async Task LoadAsync(string key, string token)
            {
                if (await db.LockTakeAsync(key, token, TimeSpan.FromSeconds(5)))
                {
                    await {|CG1005:db.KeyDeleteAsync(key)|};
                }
            }
        }
        """);

    [Fact]
    public Task Reports_a_lock_taken_in_one_method_and_deleted_in_another_of_the_same_class() => AnalyzerVerifier<UnsafeLockReleaseAnalyzer>.VerifyAsync(Usings + """
        public sealed class Leader(IDatabase db)
        {
            private const string LockKey = "leader:lock";
            private readonly string _token = Guid.NewGuid().ToString("N");

            public Task<bool> TryAcquireAsync() => db.StringSetAsync(LockKey, _token, TimeSpan.FromSeconds(30), When.NotExists);
            public Task ReleaseAsync() => {|CG1005:db.KeyDeleteAsync(LockKey)|};
        }

        public sealed class Locks(IDatabase db)
        {
            public bool Acquire(string resource, string token) => db.LockTake($"lock:{resource}", token, TimeSpan.FromSeconds(10));
            public void Release(string resource) => {|CG1005:db.KeyDelete($"lock:{resource}")|};
        }
        """);

    [Fact]
    public Task Does_not_report_deletes_in_other_methods_that_are_not_that_lock() => AnalyzerVerifier<UnsafeLockReleaseAnalyzer>.VerifyAsync(Usings + """
        public sealed class Locks(IDatabase db)
        {
            private const string LockKey = "leader:lock";
            public bool Acquire(string resource, string token) => db.LockTake($"lock:{resource}", token, TimeSpan.FromSeconds(10));
            public void Release(string resource, string token) => db.LockRelease($"lock:{resource}", token);
            public void Forget(string resource) => db.KeyDelete($"lock:{resource}"); // a key of the same shape, in a method that does not release a lock
            public void ReleaseOther(string name) => db.KeyDelete($"lock:{name}"); // another parameter: another key
            public void ReleaseLocal() { var key = "leader:lock"; db.KeyDelete(key); } // a local: not the acquisition's operand
            public void Cleanup() => db.KeyDelete(LockKey); // LockKey is never taken as a lock in this class
        }

        public sealed class Elsewhere(IDatabase db)
        {
            private const string LockKey = "leader:lock";
            public Task ReleaseAsync() => db.KeyDeleteAsync(LockKey); // another class: its lock is not known here
        }

        public sealed class Taker(IDatabase db)
        {
            private const string LockKey = "leader:lock";
            public Task<bool> TakeAsync() => db.StringSetAsync(LockKey, "me", TimeSpan.FromSeconds(30), When.NotExists);
            public Task ReleaseAsync(string token) => db.LockReleaseAsync(LockKey, token);
        }
        """);

    [Fact]
    public Task Reports_release_scripts_that_delete_without_comparing_the_token() => AnalyzerVerifier<UnsafeLockReleaseAnalyzer>.VerifyAsync(Usings + """
        public sealed class Locks(IDatabase db)
        {
            private const string Unsafe = "return redis.call('del', KEYS[1])";
            private const string Safe = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
            public Task<RedisResult> ReleaseAsync(string key) => db.ScriptEvaluateAsync({|CG1005:Unsafe|}, new RedisKey[] { key });
            public RedisResult Unlock(string key) => db.ScriptEvaluate({|CG1005:"redis.call('UNLINK', KEYS[1])"|}, new RedisKey[] { key });
            public Task<RedisResult> ReleaseSafelyAsync(string key, string token) => db.ScriptEvaluateAsync(Safe, new RedisKey[] { key }, new RedisValue[] { token });
            public RedisResult Clear(string key) => db.ScriptEvaluate(Unsafe, new RedisKey[] { key }); // not a release: a delete
        }
        """);

    [Fact]
    public async Task Reports_release_script_files_that_delete_without_comparing()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<UnsafeLockReleaseAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = Usings + "public sealed class Uses(IDatabase db) { }",
            ReferenceAssemblies = new Microsoft.CodeAnalysis.Testing.ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AdditionalFiles.Add(("Scripts/release.lua", "-- frees the lock\nreturn redis.call('DEL', KEYS[1])\n"));
        test.TestState.AdditionalFiles.Add(("Scripts/unlock.lua", "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\nreturn 0\n"));
        test.TestState.AdditionalFiles.Add(("Scripts/cleanup.lua", "return redis.call('DEL', KEYS[1])\n"));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(CacheGen.Analyzers.Descriptors.UnsafeLockRelease).WithSpan("Scripts/release.lua", 2, 8, 2, 24).WithArguments("SET NX or LockTake"));
        await test.RunAsync();
    }

    [Fact]
    public Task Does_not_report_LockRelease_other_keys_plain_sets_or_transactions() => AnalyzerVerifier<UnsafeLockReleaseAnalyzer>.VerifyAsync(Usings + """
        public sealed class Products(IDatabase db)
        {
            public void A(string key, string token)
            {
                if (db.LockTake(key, token, TimeSpan.FromSeconds(5))) { db.LockRelease(key, token); }
            }

            public void B(string key, string other)
            {
                if (db.StringSet(key, "x", TimeSpan.FromSeconds(5), When.NotExists)) { db.KeyDelete(other); }
            }

            public void C(string key)
            {
                db.StringSet(key, "x", TimeSpan.FromSeconds(5));
                db.KeyDelete(key);
            }

            public void D(string key, string token)
            {
                if (db.LockTake(key, token, TimeSpan.FromSeconds(5)))
                {
                    var tx = db.CreateTransaction();
                    tx.AddCondition(Condition.StringEqual(key, token));
                    _ = tx.KeyDeleteAsync(key);
                    tx.Execute();
                }
            }
        }
        """);

    [Fact]
    public Task The_fix_releases_with_the_token() => CodeFixVerifier<UnsafeLockReleaseAnalyzer, UnsafeLockReleaseCodeFix>.VerifyAsync(
        Usings + """
        public sealed class Products(IDatabase db)
        {
            public async Task LoadAsync(string key, string token)
            {
                if (await db.LockTakeAsync(key, token, TimeSpan.FromSeconds(5)))
                {
                    await {|CG1005:db.KeyDeleteAsync(key)|};
                }
            }
        }
        """,
        Usings + """
        public sealed class Products(IDatabase db)
        {
            public async Task LoadAsync(string key, string token)
            {
                if (await db.LockTakeAsync(key, token, TimeSpan.FromSeconds(5)))
                {
                    await db.LockReleaseAsync(key, token);
                }
            }
        }
        """,
        UnsafeLockReleaseCodeFix.UseLockRelease);

    [Fact]
    public Task The_fix_releases_with_a_token_field_when_the_lock_was_taken_in_another_method() => CodeFixVerifier<UnsafeLockReleaseAnalyzer, UnsafeLockReleaseCodeFix>.VerifyAsync(
        Usings + """
        public sealed class Leader(IDatabase db)
        {
            private const string LockKey = "leader:lock";
            private readonly string _token = Guid.NewGuid().ToString("N");
            public Task<bool> TryAcquireAsync() => db.StringSetAsync(LockKey, _token, TimeSpan.FromSeconds(30), When.NotExists);
            public Task ReleaseAsync() => {|CG1005:db.KeyDeleteAsync(LockKey)|};
        }
        """,
        Usings + """
        public sealed class Leader(IDatabase db)
        {
            private const string LockKey = "leader:lock";
            private readonly string _token = Guid.NewGuid().ToString("N");
            public Task<bool> TryAcquireAsync() => db.StringSetAsync(LockKey, _token, TimeSpan.FromSeconds(30), When.NotExists);
            public Task ReleaseAsync() => db.LockReleaseAsync(LockKey, _token);
        }
        """,
        UnsafeLockReleaseCodeFix.UseLockRelease);

    [Fact]
    public Task No_fix_when_the_token_was_a_parameter_of_the_acquiring_method() => CodeFixVerifier<UnsafeLockReleaseAnalyzer, UnsafeLockReleaseCodeFix>.VerifyAsync(
        Usings + """
        public sealed class Locks(IDatabase db)
        {
            public bool Acquire(string resource, string token) => db.LockTake($"lock:{resource}", token, TimeSpan.FromSeconds(10));
            public void Release(string resource) => {|CG1005:db.KeyDelete($"lock:{resource}")|};
        }
        """,
        Usings + """
        public sealed class Locks(IDatabase db)
        {
            public bool Acquire(string resource, string token) => db.LockTake($"lock:{resource}", token, TimeSpan.FromSeconds(10));
            public void Release(string resource) => {|CG1005:db.KeyDelete($"lock:{resource}")|};
        }
        """,
        UnsafeLockReleaseCodeFix.UseLockRelease);
}

public sealed class CacheWriteWithoutExpiryTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using StackExchange.Redis;

        """;

    [Fact]
    public Task Reports_a_cache_aside_write_with_no_expiry() => AnalyzerVerifier<CacheWriteWithoutExpiryAnalyzer>.VerifyAsync(Usings + """
        public sealed class Products(IDatabase db)
        {
            public async Task<string> GetAsync(int id)
            {
                var key = $"product:{id}";
                var cached = await db.StringGetAsync(key);
                if (!cached.IsNull) return cached!;
                var loaded = "from db";
                await {|CG1006:db.StringSetAsync(key, loaded)|};
                return loaded;
            }

            public string Get(string key)
            {
                var cached = db.StringGet(key);
                if (cached.HasValue) return cached!;
                {|CG1006:db.StringSet(key, "v", null, When.Always)|};
                return "v";
            }
        }
        """);

    [Fact]
    public Task Does_not_report_writes_with_an_expiry_keepTtl_a_later_KeyExpire_or_no_read_of_that_key() => AnalyzerVerifier<CacheWriteWithoutExpiryAnalyzer>.VerifyAsync(Usings + """
        public sealed class Products(IDatabase db)
        {
            public async Task A(string key)
            {
                if ((await db.StringGetAsync(key)).IsNull) await db.StringSetAsync(key, "v", TimeSpan.FromMinutes(5));
            }

            public void B(string key)
            {
                if (db.StringGet(key).IsNull) { db.StringSet(key, "v"); db.KeyExpire(key, TimeSpan.FromMinutes(5)); }
            }

            public void C(string key, string other)
            {
                if (db.StringGet(other).IsNull) db.StringSet(key, "v");
            }

            public void D(string key)
            {
                db.StringSet(key, "v");
            }

            public void E(string key)
            {
                if (db.StringGet(key).IsNull) db.StringSet(key, "v", null, keepTtl: true);
            }
        }
        """);

    private const string DistributedUsings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Caching.Distributed;

        """;

    [Fact]
    public Task Reports_an_IDistributedCache_cache_aside_write_with_no_expiry() => AnalyzerVerifier<CacheWriteWithoutExpiryAnalyzer>.VerifyAsync(DistributedUsings + """
        public sealed class Tokens(IDistributedCache cache)
        {
            public async Task<string> TokenAsync(CancellationToken ct)
            {
                var token = await cache.GetStringAsync("token", ct);
                if (string.IsNullOrEmpty(token))
                {
                    token = "fresh";
                    await {|CG1006:cache.SetStringAsync("token", token, ct)|};
                }

                return token;
            }

            public byte[] Bytes(string key)
            {
                var cached = cache.Get(key);
                if (cached is not null) return cached;
                var loaded = new byte[] { 1 };
                {|CG1006:cache.Set(key, loaded, new DistributedCacheEntryOptions())|};
                return loaded;
            }
        }
        """);

    [Fact]
    public Task Does_not_report_IDistributedCache_writes_with_options_or_no_read_first() => AnalyzerVerifier<CacheWriteWithoutExpiryAnalyzer>.VerifyAsync(DistributedUsings + """
        public sealed class Tokens(IDistributedCache cache, DistributedCacheEntryOptions configured)
        {
            public async Task A(string key)
            {
                if (await cache.GetStringAsync(key) is null)
                    await cache.SetStringAsync(key, "v", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
            }

            public async Task B(string key)
            {
                if (await cache.GetStringAsync(key) is null) await cache.SetStringAsync(key, "v", configured);
            }

            public void C(string key) => cache.SetString(key, "v");

            public void D(string key, string other)
            {
                if (cache.GetString(other) is null) cache.SetString(key, "v");
            }

            public void E(string key)
            {
                if (cache.GetString(key) is null) cache.SetString(key, "v", new DistributedCacheEntryOptions().SetSlidingExpiration(TimeSpan.FromMinutes(1)));
            }
        }
        """);
}

public sealed class ConnectPerCallTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using StackExchange.Redis;

        """;

    [Fact]
    public Task Reports_connections_disposed_in_the_method_that_made_them() => AnalyzerVerifier<ConnectPerCallAnalyzer>.VerifyAsync(Usings + """
        public sealed class Products
        {
            public string? A(string key)
            {
                using var mux = {|CG1007:ConnectionMultiplexer.Connect("localhost")|};
                return mux.GetDatabase().StringGet(key);
            }

            public async Task<string?> B(string key)
            {
                await using var mux = await {|CG1007:ConnectionMultiplexer.ConnectAsync("localhost")|};
                return await mux.GetDatabase().StringGetAsync(key);
            }

            public void C()
            {
                var mux = {|CG1007:ConnectionMultiplexer.Connect("localhost")|};
                mux.GetDatabase().Ping();
                mux.Dispose();
            }

            public void D()
            {
                using (var mux = {|CG1007:ConnectionMultiplexer.Connect("localhost")|}) { mux.GetDatabase().Ping(); }
            }
        }
        """);

    [Fact]
    public Task Does_not_report_a_connectivity_check_but_does_once_the_connection_reads() => AnalyzerVerifier<ConnectPerCallAnalyzer>.VerifyAsync(Usings + """
        public sealed class Health
        {
            public bool CanConnect(string configuration)
            {
                using var mux = ConnectionMultiplexer.Connect(configuration);
                return mux.IsConnected;
            }

            public string Describe(string configuration)
            {
                using var mux = ConnectionMultiplexer.Connect(configuration);
                return mux.GetStatus();
            }

            public string? ReadIfConnected(string configuration, string key)
            {
                using var mux = {|CG1007:ConnectionMultiplexer.Connect(configuration)|};
                return mux.IsConnected ? (string?)mux.GetDatabase().StringGet(key) : null;
            }
        }
        """);

    [Fact]
    public Task Does_not_report_shared_connections_factories_or_fields() => AnalyzerVerifier<ConnectPerCallAnalyzer>.VerifyAsync(Usings + """
        public sealed class RedisConnection
        {
            private static readonly System.Lazy<ConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect("localhost"));
            private ConnectionMultiplexer? _mux;

            public static ConnectionMultiplexer Create() => ConnectionMultiplexer.Connect("localhost");

            public async Task<IConnectionMultiplexer> CreateAsync() => await ConnectionMultiplexer.ConnectAsync("localhost");

            public void Open() => _mux = ConnectionMultiplexer.Connect("localhost");

            public IDatabase Database() => Shared.Value.GetDatabase();

            public IConnectionMultiplexer Keep()
            {
                var mux = ConnectionMultiplexer.Connect("localhost");
                return mux;
            }
        }
        """);

    [Fact]
    public Task Reports_connections_made_per_call_and_never_disposed() => AnalyzerVerifier<ConnectPerCallAnalyzer>.VerifyAsync(Usings + """
        public sealed class Sessions
        {
            public string? Chained(string key) => {|CG1007:ConnectionMultiplexer.Connect("localhost")|}.GetDatabase().StringGet(key);

            public async Task<string?> Leaked(string key)
            {
                var mux = await {|CG1007:ConnectionMultiplexer.ConnectAsync("localhost")|};
                var db = mux.GetDatabase();
                return await db.StringGetAsync(key);
            }

            public bool Status()
            {
                var mux = {|CG1007:ConnectionMultiplexer.Connect("localhost")|};
                return mux.IsConnected;
            }
        }
        """);

    [Fact]
    public Task Does_not_report_connections_made_once_or_handed_on() => AnalyzerVerifier<ConnectPerCallAnalyzer>.VerifyAsync(Usings + """
        public sealed class Registry
        {
            private static readonly IDatabase Db = ConnectionMultiplexer.Connect("localhost").GetDatabase();
            private static readonly System.Lazy<IDatabase> LazyDb = new(() => ConnectionMultiplexer.Connect("localhost").GetDatabase());
            private IConnectionMultiplexer? _mux;

            public void Store()
            {
                var mux = ConnectionMultiplexer.Connect("localhost");
                mux.GetDatabase().Ping();
                _mux = mux;
            }

            public void Hand(System.Collections.Generic.List<IConnectionMultiplexer> pool)
            {
                var mux = ConnectionMultiplexer.Connect("localhost");
                pool.Add(mux);
            }
        }
        """);
}
