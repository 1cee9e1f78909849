using System.Text.Json;
using CacheGen.Tool.Tests.Infrastructure;
using CacheGen.Tool.Watch;

namespace CacheGen.Tool.Tests;

public sealed class WatchTests(RedisProcess redis) : RedisTest(redis)
{
    private const string Prefix = "shop:";

    [Fact]
    public async Task Hears_invalidations_fills_and_confirmations_of_CacheGen_engines_decoded()
    {
        await using var engines = new Engines(Redis.Endpoint, Prefix);
        var writer = await engines.AddAsync();
        var reader = await engines.AddAsync();
        var heard = new List<WatchEvent>();
        var allHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new WatchRunner(new WatchOptions { Redis = Redis.Endpoint }, e =>
        {
            lock (heard)
            {
                heard.Add(e);
                if (heard.Any(h => h.Kind == WatchEventKind.Invalidation) && heard.Any(h => h.Kind == WatchEventKind.TagInvalidation)
                    && heard.Any(h => h.Kind == WatchEventKind.Fill) && heard.Any(h => h.Kind == WatchEventKind.Malformed)
                    && heard.Count(h => h.Kind == WatchEventKind.Confirmation) >= 2)
                {
                    allHeard.TrySetResult();
                }
            }
        });
        using var stop = new CancellationTokenSource();
        var watching = runner.RunAsync(stop.Token);
        await runner.Subscribed.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitForSubscribersAsync(3); // the two engines and the watcher

        // A fill announcement: the reader waits for the writer's lease, then the writer's write announces it.
        var loading = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = writer.GetOrLoadAsync("revenue:2026:6", loading, static async (gate, _) => await gate.Task, new CacheEntryOptions { TtlSeconds = 600 }).AsTask();
        await WaitUntilAsync(() => Redis.Admin.GetDatabase().KeyExistsAsync(CacheGenLayout.LeaseKey(Prefix, "revenue:2026:6")));
        var waiting = reader.GetOrLoadAsync("revenue:2026:6", 0, static (_, _) => ValueTask.FromResult("reader's own load"), new CacheEntryOptions { TtlSeconds = 600 }).AsTask();
        await WaitUntilAsync(() => Redis.Admin.GetDatabase().KeyExistsAsync(new CacheGen.Internals.RedisKeys(Prefix, "revenue:2026:6").Waiting));
        loading.SetResult("1,234.00");
        Assert.Equal("1,234.00", await load);
        Assert.Equal("1,234.00", await waiting);

        await writer.InvalidateAsync("revenue:2026:6");
        await writer.InvalidateTagAsync("catalog");
        await Redis.Admin.GetSubscriber().PublishAsync(StackExchange.Redis.RedisChannel.Literal("cache_invalidation"), "flush everything");
        await allHeard.Task.WaitAsync(TimeSpan.FromSeconds(20));
        stop.Cancel();
        var report = await watching;

        var invalidation = Assert.Single(heard, h => h.Kind == WatchEventKind.Invalidation);
        Assert.Equal(("revenue:2026:6", "revenue", writer.InstanceId), (invalidation.Key, invalidation.Keyspace, invalidation.Source));
        Assert.Equal("catalog", Assert.Single(heard, h => h.Kind == WatchEventKind.TagInvalidation).Tag);
        Assert.Equal("revenue:2026:6", Assert.Single(heard, h => h.Kind == WatchEventKind.Fill).Key);
        Assert.All(heard.Where(h => h.Kind == WatchEventKind.Confirmation), c => Assert.Equal(writer.InstanceId, c.Source));
        Assert.Contains("not valid JSON", Assert.Single(heard, h => h.Kind == WatchEventKind.Malformed).Reason, StringComparison.Ordinal);

        var revenue = Assert.Single(report.Keyspaces, k => k.Keyspace == "revenue");
        Assert.Equal((1, 1), (revenue.Invalidations, revenue.Fills));
        Assert.Equal(2, report.BySender[writer.InstanceId]);
        Assert.Equal("malformed-invalidations", Assert.Single(report.Findings).Code);
        Assert.Equal(ExitCodes.Findings, ExitCodes.For(report.Findings));
    }

    [Fact]
    public async Task Built_watch_prints_an_engines_invalidation_as_json_lines_and_ends_after_its_duration()
    {
        await using var engines = new Engines(Redis.Endpoint, Prefix);
        var engine = await engines.AddAsync();
        var watching = ToolProcess.RunAsync("watch", "--redis", Redis.Endpoint, "--duration", "3", "--json");
        await WaitForSubscribersAsync(2); // the engine and the tool

        await engine.InvalidateAsync("product:1");
        var (exit, stdout, stderr) = await watching;

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var message = Assert.Single(lines, l => l.GetProperty("type").GetString() == "message");
        Assert.Equal("invalidation", message.GetProperty("kind").GetString());
        Assert.Equal("product:1", message.GetProperty("key").GetString());
        Assert.Equal(engine.InstanceId, message.GetProperty("source").GetString());
        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("type").GetString());
        Assert.Equal(1, summary.GetProperty("byKind").GetProperty("invalidation").GetInt32());
        Assert.Equal("product", summary.GetProperty("keyspaces")[0].GetProperty("keyspace").GetString());
        Assert.True(summary.GetProperty("seconds").GetDouble() >= 2.9, "the watch ended before its --duration of 3 s");
    }

    [Fact]
    public async Task Many_messages_are_counted_in_the_summary_with_a_bounded_list_of_examples()
    {
        const int Malformed = 500;
        var heard = 0;
        var allHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new WatchRunner(new WatchOptions { Redis = Redis.Endpoint }, _ =>
        {
            if (Interlocked.Increment(ref heard) == Malformed + 1)
            {
                allHeard.TrySetResult();
            }
        });
        using var stop = new CancellationTokenSource();
        var watching = runner.RunAsync(stop.Token);
        await runner.Subscribed.WaitAsync(TimeSpan.FromSeconds(20));
        await using var engines = new Engines(Redis.Endpoint, Prefix);
        var engine = await engines.AddAsync();

        var channel = StackExchange.Redis.RedisChannel.Literal("cache_invalidation");
        await Task.WhenAll(Enumerable.Range(0, Malformed).Select(i => Redis.Admin.GetSubscriber().PublishAsync(channel, $"not json {i}")));
        await engine.InvalidateAsync("product:7");
        await allHeard.Task.WaitAsync(TimeSpan.FromSeconds(30));
        stop.Cancel();
        var report = await watching;

        Assert.Equal(Malformed, report.ByKind["malformed"]);
        Assert.Equal(1, report.ByKind["invalidation"]);
        Assert.Equal((1, 0), (Assert.Single(report.Keyspaces, k => k.Keyspace == "product").Invalidations, report.Keyspaces.Single(k => k.Keyspace == "product").Fills));
        Assert.Equal(1, report.BySender[engine.InstanceId]);
        var finding = Assert.Single(report.Findings);
        Assert.StartsWith($"{Malformed} message(s)", finding.Summary, StringComparison.Ordinal);
        Assert.Equal(Finding.MaxExamples, finding.Examples!.Count);
    }

    private async Task WaitForSubscribersAsync(long count) =>
        await WaitUntilAsync(async () => await Redis.SubscribersAsync("cache_invalidation") >= count);

    // Polls server state that the awaited event sets (not a timing assumption); fails after 30 s.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the awaited condition never became true");
            await Task.Delay(5);
        }
    }
}
