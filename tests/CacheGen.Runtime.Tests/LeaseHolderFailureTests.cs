using System.Diagnostics;
using CacheGen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CacheGen.Tests;

[Collection(RedisServerGroup.Name)]
public sealed class LeaseHolderFailureTests(RedisServerFixture server, ITestOutputHelper output)
{
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_hung_holder_in_another_instance_is_taken_over_after_its_lease_expires()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, Configure);
        var policy = new CachePolicy("slow:{id}", ttlSeconds: 60);
        var hung = new Gate();
        var holderEntered = new Signal<bool>();
        var holder = Cached.Method<string>(set[0], policy).GetAsync("1", async _ =>
        {
            holderEntered.Raise(true);
            await hung.WaitAsync();
            return "from the hung holder";
        }).AsTask();
        await holderEntered.WaitAsync();
        var leaseTaken = Stopwatch.StartNew();

        var loads = 0;
        var value = await Cached.Method<string>(set[1], policy).GetAsync("1", () =>
        {
            Interlocked.Increment(ref loads);
            return "from the waiter";
        }).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        leaseTaken.Stop();

        Assert.Equal("from the waiter", value);
        Assert.Equal(1, loads);
        output.WriteLine($"waiter loaded {leaseTaken.Elapsed.TotalMilliseconds:F0} ms after the holder took a {LeaseTtl.TotalMilliseconds} ms lease (max backoff {MaxBackoff.TotalMilliseconds} ms)");
        Assert.True(leaseTaken.Elapsed >= LeaseTtl - TimeSpan.FromMilliseconds(50), "the waiter must not load while the lease is held");
        Assert.True(leaseTaken.Elapsed < LeaseTtl + MaxBackoff + TimeSpan.FromSeconds(1), $"took over after {leaseTaken.Elapsed}");

        // The hung holder finally returns: its write is rejected (its lease is gone), the waiter's value stays.
        hung.Open();
        Assert.Equal("from the hung holder", await holder);
        Assert.Equal("from the waiter", await Cached.Method<string>(set[1], policy).GetAsync("1", () => "reloaded"));
    }

    [Fact]
    public async Task A_hung_holder_in_the_same_process_does_not_hang_its_joiners()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, Configure);
        var method = Cached.Method<string>(set[0], new CachePolicy("slow:{id}", ttlSeconds: 60));
        var hung = new Gate();
        var holderEntered = new Signal<bool>();
        var holder = method.GetAsync("1", async _ =>
        {
            holderEntered.Raise(true);
            await hung.WaitAsync();
            return "hung";
        }).AsTask();
        await holderEntered.WaitAsync();

        var joiner = await method.GetAsync("1", () => "joiner").AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("joiner", joiner);
        hung.Open();
        await holder;
    }

    [Fact]
    public async Task A_failing_loader_throws_to_its_own_caller_and_a_waiter_loads_at_once()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2, o =>
        {
            Configure(o);
            o.LeaseTtl = TimeSpan.FromSeconds(30); // a waiter must not need the lease to expire
        });
        var policy = new CachePolicy("flaky:{id}", ttlSeconds: 60);
        using var waiterMetrics = new MetricCollector(set[1]);
        var waiting = new Signal<bool>();
        waiterMetrics.Measured += m =>
        {
            if (m.Instrument == "cachegen.stampede.coalesced")
            {
                waiting.Raise(true);
            }
        };

        var fail = new Gate();
        var holderEntered = new Signal<bool>();
        var holder = Cached.Method<string>(set[0], policy).GetAsync("1", async _ =>
        {
            holderEntered.Raise(true);
            await fail.WaitAsync();
            throw new InvalidOperationException("database is down");
        }).AsTask();
        await holderEntered.WaitAsync();

        var waiter = Cached.Method<string>(set[1], policy).GetAsync("1", () => "loaded by the waiter").AsTask();
        await waiting.WaitAsync();
        fail.Open();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => holder);
        Assert.Equal("database is down", error.Message);
        Assert.Equal("loaded by the waiter", await waiter.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Joiners_in_the_same_process_share_the_loader_exception_and_the_next_call_loads_again()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, Configure);
        var method = Cached.Method<string>(set[0], new CachePolicy("flaky:{id}", ttlSeconds: 60));
        var fail = new Gate();
        var entered = new Signal<bool>();
        var first = method.GetAsync("1", async _ =>
        {
            entered.Raise(true);
            await fail.WaitAsync();
            throw new InvalidOperationException("boom");
        }).AsTask();
        await entered.WaitAsync();
        var joined = method.GetAsync("1", () => "never").AsTask();
        fail.Open();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => joined);
        Assert.Equal("second try", await method.GetAsync("1", () => "second try"));
    }

    [Fact]
    public async Task A_cancelled_caller_stops_waiting_without_disturbing_others()
    {
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, Configure);
        var method = Cached.Method<string>(set[0], new CachePolicy("c:{id}", ttlSeconds: 60));
        var release = new Gate();
        var entered = new Signal<bool>();
        var leader = method.GetAsync("1", async _ =>
        {
            entered.Raise(true);
            await release.WaitAsync();
            return "value";
        }).AsTask();
        await entered.WaitAsync();

        using var cancel = new CancellationTokenSource();
        var cancelled = method.GetAsync("1", _ => Task.FromResult("unused"), cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        release.Open();
        Assert.Equal("value", await leader);
    }

    private static void Configure(CacheGenOptions options)
    {
        options.LeaseTtl = LeaseTtl;
        options.MaxLeaseWaitBackoff = MaxBackoff;
    }
}
