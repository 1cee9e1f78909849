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
            var token = TryAsync(database.StringGetAsync(key));
            var ttl = database.ExecuteAsync("PTTL", (RedisKey)key);
            var (read, value) = await token.ConfigureAwait(false);
            states.Add(new RedisTagState(tag, key, read ? CacheGenLayout.ParseTagToken(value) : 0, (long)await ttl.ConfigureAwait(false)) { Unreadable = !read });
        }

        return states;
    }

    /// <summary>
    /// The value, lease and waiting mark of each key, judged against the current tokens of <paramref name="tags"/>: the
    /// tags known to include every tag of these keys (those the response names, or those named with --tag).
    /// </summary>
    public async Task<IReadOnlyList<RedisKeyState>> KeysAsync(IEnumerable<string> keys, IReadOnlyList<RedisTagState> tags)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(tags);
        var states = new List<RedisKeyState>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var valueKey = CacheGenLayout.ValueKey(prefix, key);
            var leaseKey = CacheGenLayout.LeaseKey(prefix, key);
            // A key of another type (a hash, a list) answers GETRANGE with WRONGTYPE: it is read as unreadable.
            var header = TryAsync(database.StringGetRangeAsync(valueKey, 0, CacheGenLayout.MaxHeaderLength - 1));
            var ttl = database.ExecuteAsync("PTTL", (RedisKey)valueKey);
            var leaseTtl = database.ExecuteAsync("PTTL", (RedisKey)leaseKey);
            var waiting = database.KeyExistsAsync(valueKey + ":waiting");
            var ttlMs = (long)await ttl.ConfigureAwait(false);
            var leaseMs = (long)await leaseTtl.ConfigureAwait(false);
            var (read, value) = await header.ConfigureAwait(false);
            var bytes = read ? (byte[]?)value : null;
            Envelope? envelope = null;
            var tagging = TagJudgement.None;
            var state = ttlMs == -2 ? "absent"
                : bytes is not { Length: > 0 } || !CacheGenLayout.TryReadEnvelope(bytes, out envelope) ? "unreadable"
                : ttlMs == -1 ? "orphan"
                : (tagging = Judge(envelope!, tags)) == TagJudgement.Invalidated ? "invalidated"
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
                UnknownTagStamps = tagging == TagJudgement.Unknown,
                LeaseTtlMs = leaseMs == -2 ? null : leaseMs,
                Waiting = await waiting.ConfigureAwait(false),
            });
        }

        return states;
    }

    // An entry is stamped with the token of each of its tags when its load began; an invalidation of a tag deletes the
    // tag's token, so a stamp that is not a current token means the entry is never served again — but only if that stamp
    // is the token of a tag that was read. The envelope holds tokens, not names: a stamp matching no current token is
    // taken as an invalidated tag only when the tags read that no stamp matches are at least as many as such stamps.
    // Otherwise some of the entry's tags were not read, and whether they were invalidated is not known.
    private static TagJudgement Judge(Envelope envelope, IReadOnlyList<RedisTagState> tags)
    {
        var current = tags.Where(t => t.Token != 0).Select(t => t.Token).ToHashSet();
        var unmatched = envelope.TagTokens.Count(t => !current.Contains(t));
        if (unmatched == 0)
        {
            return TagJudgement.None;
        }

        var readButNotStamped = tags.Count(t => t.Token == 0 || !envelope.TagTokens.Contains(t.Token));
        return unmatched <= readButNotStamped ? TagJudgement.Invalidated : TagJudgement.Unknown;
    }

    private static async Task<(bool Read, RedisValue Value)> TryAsync(Task<RedisValue> command)
    {
        try
        {
            return (true, await command.ConfigureAwait(false));
        }
        catch (RedisServerException e) when (e.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            return (false, RedisValue.Null);
        }
    }

    private enum TagJudgement
    {
        None,
        Invalidated,
        Unknown,
    }
}
