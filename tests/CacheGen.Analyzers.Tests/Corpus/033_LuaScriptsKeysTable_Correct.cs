// Lua scripts that only read their KEYS argument table, non-KEYS commands through Execute, and a helper class of
// our own with an Execute method. Nothing here sends the KEYS command.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.LuaKeysTable;

public sealed class AdminCommandRunner
{
    private readonly List<string> _audit = new();

    // Not StackExchange.Redis: an in-process audit trail whose method happens to be called Execute.
    public string Execute(string command, params object[] args)
    {
        var line = $"{command} {string.Join(' ', args)}";
        _audit.Add(line);
        return line;
    }
}

public sealed class ScriptedCacheOperations
{
    private const string IncrementWithTtl =
        "local v = redis.call('INCR', KEYS[1]) if v == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return v";

    private const string DeleteAllGiven =
        "local n = 0 for _, k in ipairs(KEYS) do n = n + redis.call('UNLINK', k) end return n";

    private static readonly LuaScript MoveScript = LuaScript.Prepare(
        "local v = redis.call('GET', @source) if v then redis.call('SET', @target, v, 'EX', @ttl) redis.call('DEL', @source) end return v");

    private readonly IDatabase _db;
    private readonly AdminCommandRunner _audit;

    public ScriptedCacheOperations(IDatabase db, AdminCommandRunner audit)
    {
        _db = db;
        _audit = audit;
    }

    public async Task<long> HitAsync(string counterKey, TimeSpan window)
    {
        var result = await _db.ScriptEvaluateAsync(
            IncrementWithTtl,
            new RedisKey[] { counterKey },
            new RedisValue[] { (long)window.TotalMilliseconds });
        return (long)result;
    }

    public async Task<long> DeleteAsync(IReadOnlyList<string> keys)
    {
        var redisKeys = new RedisKey[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            redisKeys[i] = keys[i];
        }

        _audit.Execute("KEYS", "audit-only");
        var result = await _db.ScriptEvaluateAsync(
            DeleteAllGiven,
            redisKeys);
        return (long)result;
    }

    public RedisResult Move(string source, string target, int ttlSeconds) =>
        _db.ScriptEvaluate(MoveScript, new { source = (RedisKey)source, target = (RedisKey)target, ttl = ttlSeconds });

    public async Task<long> KeyCountAsync()
    {
        // DBSIZE is O(1); only the KEYS command is the problem.
        var result = await _db.ExecuteAsync("DBSIZE");
        return (long)result;
    }

    public async Task<RedisResult> RunAsync(string command, params object[] args)
    {
        // Operator console: the command is not a constant.
        return await _db.ExecuteAsync(command, args);
    }

    public async Task<string[]> FieldNamesAsync(string hashKey)
    {
        // HKEYS lists the fields of one hash: not the KEYS command.
        var result = await _db.ScriptEvaluateAsync(
            "return redis.call('HKEYS', KEYS[1])",
            new RedisKey[] { hashKey });
        return (string[])result!;
    }

    public Task<RedisResult> FirstOfPairAsync(string a, string b) =>
        _db.ScriptEvaluateAsync(
            "return redis.call('GET', KEYS[1]) or redis.call('GET', KEYS[2])",
            new RedisKey[] { a, b });
}
