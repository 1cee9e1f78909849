using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;
using StackExchange.Redis;

namespace CacheGen.Tool.Watch;

/// <summary>What <c>cachegen watch</c> listens to.</summary>
public sealed record WatchOptions
{
    /// <summary>The StackExchange.Redis configuration string.</summary>
    public required string Redis { get; init; }

    /// <summary>The invalidation channel (<c>InvalidationChannel</c>).</summary>
    public string Channel { get; init; } = CacheGenLayout.DefaultChannel;

    /// <summary>How long to listen; null: until cancelled (Ctrl+C).</summary>
    public TimeSpan? Duration { get; init; }
}

/// <summary>What a message on one of CacheGen's channels was.</summary>
public enum WatchEventKind
{
    /// <summary>A key was invalidated (<c>{"action":"invalidate","key":…}</c>).</summary>
    Invalidation,

    /// <summary>A tag was invalidated (<c>{"action":"invalidate","tag":…}</c>).</summary>
    TagInvalidation,

    /// <summary>A lease holder wrote (or gave up) a value others waited for (<c>&lt;channel&gt;:filled</c>).</summary>
    Fill,

    /// <summary>An instance confirmed it dropped its copy (<c>&lt;channel&gt;:confirmed:&lt;sender&gt;</c>).</summary>
    Confirmation,

    /// <summary>A message on the invalidation channel that is not a well-formed invalidation: instances ignore it.</summary>
    Malformed,
}

/// <summary>One message heard.</summary>
public sealed record WatchEvent(DateTimeOffset At, WatchEventKind Kind, string Channel, string? Key = null, string? Tag = null, string? Keyspace = null, string? Source = null, long? Id = null, string? Reason = null)
{
    /// <summary>The JSON line's type.</summary>
    public string Type { get; init; } = "message";
}

/// <summary>The messages of one second, by keyspace (tags under <c>tag:&lt;tag&gt;</c>).</summary>
public sealed record WatchSecond(DateTimeOffset At, int Messages, IReadOnlyDictionary<string, int> ByKeyspace)
{
    /// <summary>The JSON line's type.</summary>
    public string Type { get; init; } = "second";
}

/// <summary>Counts for one keyspace (or tag) over the whole watch.</summary>
public sealed record KeyspaceRate(string Keyspace, int Invalidations, int Fills, double InvalidationsPerSecond, int PeakPerSecond);

/// <summary>What <c>cachegen watch</c> heard, in total.</summary>
public sealed record WatchReport
{
    /// <summary>The JSON line's type.</summary>
    public string Type { get; init; } = "summary";

    /// <summary>The channel listened to.</summary>
    public required string Channel { get; init; }

    /// <summary>How long it listened.</summary>
    public required double Seconds { get; init; }

    /// <summary>Messages by kind.</summary>
    public required IReadOnlyDictionary<string, int> ByKind { get; init; }

    /// <summary>Per keyspace (and per tag, as <c>tag:&lt;tag&gt;</c>): invalidations, fills and rates.</summary>
    public required IReadOnlyList<KeyspaceRate> Keyspaces { get; init; }

    /// <summary>Invalidations by sending instance.</summary>
    public required IReadOnlyDictionary<string, int> BySender { get; init; }

    /// <summary>Problems heard (malformed messages).</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
}

/// <summary>
/// <c>cachegen watch</c>: subscribes to the invalidation channel, the fill announcements and the confirmations, decodes
/// each message with the runtime's <see cref="InvalidationMessage"/>, and counts them per second and keyspace.
/// </summary>
public sealed class WatchRunner(WatchOptions options, Action<WatchEvent>? onEvent = null, Action<WatchSecond>? onSecond = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    // The summary's aggregates only: a busy channel is watched for as long as wanted without keeping its messages.
    private readonly Dictionary<WatchEventKind, int> _byKind = [];
    private readonly Dictionary<string, (int Invalidations, int Fills)> _byKeyspace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _bySender = new(StringComparer.Ordinal);
    private readonly List<string> _malformedExamples = [];
    private long _second = -1;
    private readonly Dictionary<string, int> _thisSecond = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _peaks = new(StringComparer.Ordinal);

    /// <summary>Completes once every subscription is in place.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Connects to <see cref="WatchOptions.Redis"/> and listens until the duration ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<WatchReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var redis = await RedisConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        return await RunAsync(redis, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Listens on an open connection.</summary>
    public async Task<WatchReport> RunAsync(IConnectionMultiplexer redis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var subscriber = redis.GetSubscriber();
        var invalidations = RedisChannel.Literal(options.Channel);
        var fills = RedisChannel.Literal(CacheGenLayout.FillChannel(options.Channel));
        var confirmations = RedisChannel.Pattern(options.Channel + ":confirmed:*");
        var started = _time.GetUtcNow();
        await subscriber.SubscribeAsync(invalidations, (_, value) => Heard(Invalidation(value))).ConfigureAwait(false);
        await subscriber.SubscribeAsync(fills, (_, value) => Heard(Fill(value))).ConfigureAwait(false);
        await subscriber.SubscribeAsync(confirmations, (channel, value) => Heard(Confirmation(channel, value))).ConfigureAwait(false);
        _subscribed.TrySetResult();
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.Duration is { } duration)
            {
                stop.CancelAfter(duration);
            }

            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
                {
                    FlushSecond(_time.GetUtcNow().ToUnixTimeSeconds());
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
        finally
        {
            await subscriber.UnsubscribeAsync(invalidations).ConfigureAwait(false);
            await subscriber.UnsubscribeAsync(fills).ConfigureAwait(false);
            await subscriber.UnsubscribeAsync(confirmations).ConfigureAwait(false);
        }

        FlushSecond(long.MaxValue);
        return Summarise((_time.GetUtcNow() - started).TotalSeconds);
    }

    private WatchEvent Invalidation(RedisValue value)
    {
        var at = _time.GetUtcNow();
        byte[] bytes = value!;
        if (!InvalidationMessage.TryParse(bytes, out var message, out var reason))
        {
            var text = (string?)value ?? string.Empty;
            return new WatchEvent(at, WatchEventKind.Malformed, options.Channel, Reason: $"{reason}: {(text.Length > 200 ? text[..200] + "…" : text)}");
        }

        return message.IsTag
            ? new WatchEvent(at, WatchEventKind.TagInvalidation, options.Channel, Tag: message.Key, Keyspace: "tag:" + message.Key, Source: message.Source, Id: message.Id)
            : new WatchEvent(at, WatchEventKind.Invalidation, options.Channel, Key: message.Key, Keyspace: CacheKeyTemplate.KeyspaceOf(message.Key), Source: message.Source, Id: message.Id);
    }

    private WatchEvent Fill(RedisValue value)
    {
        var valueKey = (string?)value ?? string.Empty;
        var key = CacheGenLayout.LogicalKeyOfValueKey(valueKey);
        return new WatchEvent(_time.GetUtcNow(), WatchEventKind.Fill, CacheGenLayout.FillChannel(options.Channel), Key: key ?? valueKey, Keyspace: key is null ? null : CacheKeyTemplate.KeyspaceOf(key));
    }

    private WatchEvent Confirmation(RedisChannel channel, RedisValue value)
    {
        var name = channel.ToString();
        var sender = name[(options.Channel.Length + ":confirmed:".Length)..];
        return new WatchEvent(_time.GetUtcNow(), WatchEventKind.Confirmation, name, Source: sender, Id: long.TryParse((string?)value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null);
    }

    private void Heard(WatchEvent heard)
    {
        lock (_gate)
        {
            Count(heard);
            var second = heard.At.ToUnixTimeSeconds();
            if (second != _second)
            {
                FlushSecondLocked();
                _second = second;
            }

            if (heard.Kind != WatchEventKind.Confirmation)
            {
                var keyspace = heard.Keyspace ?? "(malformed)";
                _thisSecond[keyspace] = _thisSecond.GetValueOrDefault(keyspace) + 1;
            }
        }

        onEvent?.Invoke(heard);
    }

    private void Count(WatchEvent heard)
    {
        _byKind[heard.Kind] = _byKind.GetValueOrDefault(heard.Kind) + 1;
        var invalidation = heard.Kind is WatchEventKind.Invalidation or WatchEventKind.TagInvalidation;
        if (heard.Keyspace is { } keyspace && heard.Kind != WatchEventKind.Confirmation)
        {
            var (invalidations, fills) = _byKeyspace.GetValueOrDefault(keyspace);
            _byKeyspace[keyspace] = (invalidations + (invalidation ? 1 : 0), fills + (heard.Kind == WatchEventKind.Fill ? 1 : 0));
        }

        if (invalidation)
        {
            var sender = heard.Source ?? "(none)";
            _bySender[sender] = _bySender.GetValueOrDefault(sender) + 1;
        }

        if (heard.Kind == WatchEventKind.Malformed && _malformedExamples.Count < Finding.MaxExamples)
        {
            _malformedExamples.Add(heard.Reason!);
        }
    }

    private void FlushSecond(long now)
    {
        lock (_gate)
        {
            if (_second >= 0 && _second < now)
            {
                FlushSecondLocked();
            }
        }
    }

    private void FlushSecondLocked()
    {
        if (_thisSecond.Count == 0)
        {
            return;
        }

        foreach (var (keyspace, count) in _thisSecond)
        {
            _peaks[keyspace] = Math.Max(_peaks.GetValueOrDefault(keyspace), count);
        }

        var second = new WatchSecond(DateTimeOffset.FromUnixTimeSeconds(_second), _thisSecond.Values.Sum(), new Dictionary<string, int>(_thisSecond, StringComparer.Ordinal));
        _thisSecond.Clear();
        onSecond?.Invoke(second);
    }

    private WatchReport Summarise(double seconds)
    {
        lock (_gate)
        {
            var perSecond = Math.Max(seconds, 1e-3);
            var keyspaces = _byKeyspace
                .Select(p => new KeyspaceRate(p.Key, p.Value.Invalidations, p.Value.Fills, Math.Round(p.Value.Invalidations / perSecond, 3), _peaks.GetValueOrDefault(p.Key)))
                .OrderByDescending(k => k.Invalidations + k.Fills)
                .ToArray();
            var malformed = _byKind.GetValueOrDefault(WatchEventKind.Malformed);
            var findings = new List<Finding>();
            if (malformed > 0)
            {
                findings.Add(Finding.Of(
                    "malformed-invalidations",
                    Severity.Warning,
                    $"{malformed} message(s) on '{options.Channel}' are not invalidations CacheGen understands: every instance ignores them.",
                    "Another producer publishes on the invalidation channel in another format. Publish {\"action\":\"invalidate\",\"key\":\"<logical key>\"} (or \"tag\") — or call ICacheInvalidator — and give other messages a channel of their own.",
                    _malformedExamples));
            }

            return new WatchReport
            {
                Channel = options.Channel,
                Seconds = Math.Round(seconds, 3),
                ByKind = _byKind.ToDictionary(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Key.ToString()), p => p.Value, StringComparer.Ordinal),
                Keyspaces = keyspaces,
                BySender = new Dictionary<string, int>(_bySender, StringComparer.Ordinal),
                Findings = findings,
            };
        }
    }
}
