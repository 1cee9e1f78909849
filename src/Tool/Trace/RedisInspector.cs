using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace CacheGen.Tool.Trace;

/// <summary>Reads what Redis holds for logical keys and tags, in CacheGen's layout.</summary>
public sealed class RedisInspector(IDatabaseAsync database, string prefix, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The token of each tag.</summary>
    public async Task<IReadOnlyList<RedisTagState>> TagsAsync(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var states = new List<RedisTagState>();
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
        {
            var key = CacheGenLayout.TagKey(prefix, tag);
            var token = database.StringGetAsync(key);
            var ttl = database.ExecuteAsync("PTTL", (RedisKey)key);
            states.Add(new RedisTagState(tag, key, CacheGenLayout.ParseTagToken(await token.ConfigureAwait(false)), (long)await ttl.ConfigureAwait(false)));
        }

        return states;
    }

    /// <summary>The value, lease and waiting mark of each key, judged against the current tokens of <paramref name="tags"/>.</summary>
    public async Task<IReadOnlyList<RedisKeyState>> KeysAsync(IEnumerable<string> keys, IReadOnlyList<RedisTagState> tags)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(tags);
        var current = tags.Where(t => t.Token != 0).Select(t => t.Token).ToHashSet();
        var states = new List<RedisKeyState>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var valueKey = CacheGenLayout.ValueKey(prefix, key);
            var leaseKey = CacheGenLayout.LeaseKey(prefix, key);
            var header = database.StringGetRangeAsync(valueKey, 0, CacheGenLayout.MaxHeaderLength - 1);
            var ttl = database.ExecuteAsync("PTTL", (RedisKey)valueKey);
            var leaseTtl = database.ExecuteAsync("PTTL", (RedisKey)leaseKey);
            var waiting = database.KeyExistsAsync(valueKey + ":waiting");
            var ttlMs = (long)await ttl.ConfigureAwait(false);
            var leaseMs = (long)await leaseTtl.ConfigureAwait(false);
            var bytes = (byte[]?)await header.ConfigureAwait(false);
            Envelope? envelope = null;
            var state = ttlMs == -2 ? "absent"
                : bytes is not { Length: > 0 } || !CacheGenLayout.TryReadEnvelope(bytes, out envelope) ? "unreadable"
                : ttlMs == -1 ? "orphan"
                : Invalidated(envelope!, current, tags.Count) ? "invalidated"
                : envelope!.FreshUntil > _time.GetUtcNow() ? "fresh"
                : "stale";
            states.Add(new RedisKeyState
            {
                Key = key,
                RedisKey = valueKey,
                State = state,
                TtlMs = ttlMs,
                FreshUntil = envelope?.FreshUntil,
                TagTokens = envelope?.TagTokens,
                LeaseTtlMs = leaseMs == -2 ? null : leaseMs,
                Waiting = await waiting.ConfigureAwait(false),
            });
        }

        return states;
    }

    // An entry is stamped with the token of each of its tags when its load began; an invalidation of a tag deletes the
    // tag's token, so a stamp that is not a current token means the entry is never served again. Judged only when as
    // many tags were read as the entry carries (a response names every tag of every entry it was built from).
    private static bool Invalidated(Envelope envelope, HashSet<long> current, int tagsRead) =>
        envelope.TagTokens.Length > 0 && tagsRead >= envelope.TagTokens.Length && envelope.TagTokens.Any(t => !current.Contains(t));
}
