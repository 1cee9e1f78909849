using System.Collections.Concurrent;
using CacheGen;

namespace CacheGen.EndToEnd.Repositories;

public interface IPriceBook
{
    Task<string> QuoteAsync(decimal amount, CancellationToken ct = default);

    Task<string> RateAsync(double ratio, CancellationToken ct = default);

    Task<string> SinceAsync(DateTimeOffset since, CancellationToken ct = default);

    Task<string> AtAsync(DateTime at, CancellationToken ct = default);

    Task<string> MaybeAsync(decimal? amount, CancellationToken ct = default);

    Task ChangeQuoteAsync(decimal amount, CancellationToken ct = default);

    Task ChangeSinceAsync(DateTimeOffset since, CancellationToken ct = default);
}

/// <summary>
/// Key types whose <c>Equals</c> is coarser than their key text: the rows are keyed by that text, so two equal but
/// differently written arguments are different rows.
/// </summary>
public sealed class PriceBook : IPriceBook
{
    public ConcurrentDictionary<string, int> Revisions { get; } = new();

    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    [Cached("quote:{amount}", LocalTtlSeconds = 300)]
    public Task<string> QuoteAsync(decimal amount, CancellationToken ct) => Load(CacheKeyFormat.Format(amount));

    [Cached("rate:{ratio}", LocalTtlSeconds = 300)]
    public Task<string> RateAsync(double ratio, CancellationToken ct) => Load(CacheKeyFormat.Format(ratio));

    [Cached("since:{since}", LocalTtlSeconds = 300)]
    public Task<string> SinceAsync(DateTimeOffset since, CancellationToken ct) => Load(CacheKeyFormat.Format(since));

    [Cached("at:{at}", LocalTtlSeconds = 300)]
    public Task<string> AtAsync(DateTime at, CancellationToken ct) => Load(CacheKeyFormat.Format(at));

    [Cached("maybe:{amount}", LocalTtlSeconds = 300)]
    public Task<string> MaybeAsync(decimal? amount, CancellationToken ct) => Load(CacheKeyFormat.Format(amount) ?? "null");

    [InvalidatesCache("quote:{amount}")]
    public Task ChangeQuoteAsync(decimal amount, CancellationToken ct)
    {
        Revisions.AddOrUpdate(CacheKeyFormat.Format(amount), 1, static (_, r) => r + 1);
        return Task.CompletedTask;
    }

    [InvalidatesCache("since:{since}")]
    public Task ChangeSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        Revisions.AddOrUpdate(CacheKeyFormat.Format(since), 1, static (_, r) => r + 1);
        return Task.CompletedTask;
    }

    private Task<string> Load(string text)
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult($"{text}#r{Revisions.GetValueOrDefault(text)}");
    }
}
