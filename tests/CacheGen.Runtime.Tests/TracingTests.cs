using System.Collections.Concurrent;
using System.Diagnostics;
using CacheGen.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CacheGen.Tests;

/// <summary>
/// The spans of ActivitySource "CacheGen", as an ActivityListener (what OpenTelemetry uses) sees them. Each test uses a
/// keyspace of its own and only looks at spans of it, since the listener hears every test running at the same time.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class TracingTests(RedisServerFixture server)
{
    [Fact]
    public async Task A_miss_an_L1_hit_and_a_Redis_hit_are_spans_saying_what_each_layer_found()
    {
        using var spans = new SpanCollector("trmiss");
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var policy = new CachePolicy("trmiss:{id}", ttlSeconds: 60, localTtlSeconds: 30);
        var a = Cached.Method<string>(set[0], policy);
        var b = Cached.Method<string>(set[1], policy);

        Assert.Equal("v1", await a.GetAsync("1", () => "v1"));
        var miss = spans.Single("cachegen.get");
        Assert.Equal("get trmiss", miss.DisplayName);
        Assert.Equal(ActivityKind.Internal, miss.Kind);
        Assert.Equal("trmiss", miss.GetTagItem("cachegen.keyspace"));
        Assert.Equal("trmiss:1", miss.GetTagItem("cachegen.key"));
        Assert.Equal("miss", miss.GetTagItem("cachegen.l1"));
        Assert.Equal("miss", miss.GetTagItem("cachegen.redis"));
        Assert.Equal(false, miss.GetTagItem("cachegen.stale"));
        Assert.Equal(true, miss.GetTagItem("cachegen.loaded"));
        Assert.Null(miss.GetTagItem("cachegen.failopen"));
        Assert.Null(miss.GetTagItem("cachegen.lease.waited"));
        var load = spans.Single("cachegen.load");
        Assert.Equal(miss.SpanId, load.ParentSpanId);
        Assert.Equal("load trmiss", load.DisplayName);
        spans.Clear();

        Assert.Equal("v1", await a.GetAsync("1", () => "not loaded"));
        var l1Hit = spans.Single("cachegen.get");
        Assert.Equal("hit", l1Hit.GetTagItem("cachegen.l1"));
        Assert.Equal("trmiss:1", l1Hit.GetTagItem("cachegen.key"));
        Assert.Null(l1Hit.GetTagItem("cachegen.redis"));
        Assert.Null(l1Hit.GetTagItem("cachegen.loaded"));
        spans.Clear();

        Assert.Equal("v1", await b.GetAsync("1", () => "not loaded"));
        var redisHit = spans.Single("cachegen.get");
        Assert.Equal("miss", redisHit.GetTagItem("cachegen.l1"));
        Assert.Equal("hit", redisHit.GetTagItem("cachegen.redis"));
        Assert.Null(redisHit.GetTagItem("cachegen.loaded"));
        Assert.Empty(spans.Named("cachegen.load"));
    }

    [Fact]
    public async Task A_stale_value_is_marked_stale_and_its_refresh_is_a_span_of_its_own()
    {
        using var spans = new SpanCollector("trstale");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1, time: clock);
        var method = Cached.Method<string>(set[0], new CachePolicy("trstale:{id}", ttlSeconds: 10, jitterPercent: 0, staleSeconds: 300));
        Assert.Equal("v1", await method.GetAsync("1", () => "v1"));
        clock.Advance(TimeSpan.FromSeconds(11));
        spans.Clear();

        var refreshed = new Signal<bool>();
        set[0].RefreshCompleted += _ => refreshed.Raise(true);
        Assert.Equal("v1", await method.GetAsync("1", () => "v2"));
        await refreshed.WaitAsync();

        var call = spans.Single("cachegen.get");
        Assert.Equal("stale", call.GetTagItem("cachegen.redis"));
        Assert.Equal(true, call.GetTagItem("cachegen.stale"));
        Assert.Null(call.GetTagItem("cachegen.loaded"));
        var refresh = spans.Single("cachegen.refresh");
        Assert.Equal("trstale:1", refresh.GetTagItem("cachegen.key"));
        Assert.Equal(call.TraceId, refresh.TraceId);
        var load = spans.Single("cachegen.load");
        Assert.Equal(refresh.SpanId, load.ParentSpanId);
    }

    [Fact]
    public async Task A_caller_that_waits_for_another_instances_lease_has_a_lease_wait_span_and_does_not_load()
    {
        using var spans = new SpanCollector("trlease");
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);
        var policy = new CachePolicy("trlease:{id}", ttlSeconds: 60);
        var gate = new Gate();
        var holder = await Cached.HolderLoadingUntilAsync(set[0], policy, gate, () => "from the holder");

        var held = new Signal<bool>();
        set[1].AfterLeaseHeld = _ => held.Raise(true);
        var waiter = Cached.Method<string>(set[1], policy).GetAsync("1", () => "from the waiter").AsTask();
        await held.WaitAsync();
        gate.Open();
        Assert.Equal("from the holder", await holder);
        Assert.Equal("from the holder", await waiter);

        var calls = spans.Named("cachegen.get");
        Assert.Equal(2, calls.Count);
        var waited = Assert.Single(calls, c => c.GetTagItem("cachegen.lease.waited") is true);
        Assert.Null(waited.GetTagItem("cachegen.loaded"));
        Assert.Equal("miss", waited.GetTagItem("cachegen.redis"));
        var loaded = Assert.Single(calls, c => c.GetTagItem("cachegen.loaded") is true);
        Assert.NotSame(waited, loaded);
        var wait = spans.Single("cachegen.lease.wait");
        Assert.Equal(waited.SpanId, wait.ParentSpanId);
        Assert.Equal("lease wait trlease", wait.DisplayName);
        Assert.True(wait.Duration > TimeSpan.Zero);
        Assert.Equal(loaded.SpanId, spans.Single("cachegen.load").ParentSpanId);
    }

    [Fact]
    public async Task A_caller_that_joins_a_load_in_its_own_process_is_marked_coalesced()
    {
        using var spans = new SpanCollector("trjoin");
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var joined = new Signal<bool>();
        set[0].AfterFlightJoined = _ => joined.Raise(true);
        var policy = new CachePolicy("trjoin:{id}", ttlSeconds: 60);
        var gate = new Gate();
        var first = await Cached.HolderLoadingUntilAsync(set[0], policy, gate, () => "loaded once");
        var second = Cached.Method<string>(set[0], policy).GetAsync("1", () => "loaded twice").AsTask();
        await joined.WaitAsync();
        gate.Open();
        Assert.Equal("loaded once", await first);
        Assert.Equal("loaded once", await second);

        var calls = spans.Named("cachegen.get");
        Assert.Equal(2, calls.Count);
        Assert.Single(calls, c => c.GetTagItem("cachegen.coalesced") is true && c.GetTagItem("cachegen.loaded") is null);
        Assert.Single(calls, c => c.GetTagItem("cachegen.loaded") is true && c.GetTagItem("cachegen.coalesced") is null);
    }

    [Fact]
    public async Task A_call_served_while_Redis_is_unreachable_is_marked_fail_open_and_the_invalidation_queued()
    {
        using var spans = new SpanCollector("trfail");
        await using var proxy = TcpOutageProxy.Start(server.Endpoint);
        await using var set = await EngineSet.StartAsync(proxy.Endpoint, 1, options =>
        {
            options.BreakDuration = TimeSpan.FromMilliseconds(200);
            options.OperationTimeout = TimeSpan.FromMilliseconds(500);
        });
        var engine = set[0];
        var method = Cached.Method<string>(engine, new CachePolicy("trfail:{id}", ttlSeconds: 60));
        Assert.Equal("v1", await method.GetAsync("1", () => "v1"));
        var failed = ConnectionEvents.Signal(engine.Connection!, restored: false);
        proxy.Cut();
        await failed.WaitAsync();
        spans.Clear();

        Assert.Equal("v2", await method.GetAsync("2", () => "v2"));
        var call = spans.Single("cachegen.get");
        Assert.Equal(true, call.GetTagItem("cachegen.failopen"));
        Assert.Equal(true, call.GetTagItem("cachegen.loaded"));
        Assert.Null(call.GetTagItem("cachegen.redis"));

        await engine.InvalidateAsync("trfail:1");
        var invalidation = spans.Single("cachegen.invalidate");
        Assert.Equal(true, invalidation.GetTagItem("cachegen.invalidation.queued"));
        Assert.Equal("trfail:1", invalidation.GetTagItem("cachegen.key"));
    }

    [Fact]
    public async Task An_invalidation_is_a_span_until_the_other_instances_confirmed_it_for_keys_and_tags_async_and_not()
    {
        using var spans = new SpanCollector("trinv");
        await using var set = await EngineSet.StartAsync(server.Endpoint, 2);

        await set[0].InvalidateAsync("trinv:1");
        var key = spans.Single("cachegen.invalidate");
        Assert.Equal("invalidate trinv", key.DisplayName);
        Assert.Equal("trinv:1", key.GetTagItem("cachegen.key"));
        Assert.Equal(false, key.GetTagItem("cachegen.invalidation.queued"));
        Assert.Equal(2L, key.GetTagItem("cachegen.invalidation.receivers")); // the subscribed instances, the sender among them
        Assert.Null(key.GetTagItem("cachegen.invalidation.unacknowledged"));
        spans.Clear();

        await set[0].InvalidateTagAsync("trinv:all");
        var tag = spans.Single("cachegen.invalidate");
        Assert.Equal("trinv:all", tag.GetTagItem("cachegen.tag"));
        Assert.Null(tag.GetTagItem("cachegen.key"));
        spans.Clear();

        set[1].Invalidate("trinv:2");
        var sync = spans.Single("cachegen.invalidate");
        Assert.Equal("trinv:2", sync.GetTagItem("cachegen.key"));
        Assert.Equal(2L, sync.GetTagItem("cachegen.invalidation.receivers"));
    }

    [Fact]
    public async Task A_loader_that_throws_fails_its_span_and_the_call()
    {
        using var spans = new SpanCollector("trthrow");
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("trthrow:{id}", ttlSeconds: 60));

        await Assert.ThrowsAsync<InvalidOperationException>(() => method.GetAsync("1", () => throw new InvalidOperationException("database down")).AsTask());

        var call = spans.Single("cachegen.get");
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, call.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, spans.Single("cachegen.load").Status);
    }

    [Fact]
    public async Task A_caller_that_gives_up_is_marked_cancelled_not_failed()
    {
        using var spans = new SpanCollector("trcancel");
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var policy = new CachePolicy("trcancel:{id}", ttlSeconds: 60);
        var gate = new Gate();
        var holder = await Cached.HolderLoadingUntilAsync(set[0], policy, gate, () => "v");
        var joined = new Signal<bool>();
        set[0].AfterFlightJoined = _ => joined.Raise(true);
        using var giveUp = new CancellationTokenSource();
        var waiter = Cached.Method<string>(set[0], policy).GetAsync("1", _ => Task.FromResult("not loaded"), giveUp.Token).AsTask();
        await joined.WaitAsync();
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        gate.Open();
        Assert.Equal("v", await holder);

        var cancelled = Assert.Single(spans.Named("cachegen.get"), s => s.GetTagItem("cachegen.cancelled") is true);
        Assert.Equal(ActivityStatusCode.Unset, cancelled.Status);
        Assert.Null(cancelled.GetTagItem("error.type"));
    }

    [Fact]
    public async Task The_spans_nest_under_the_callers_own_span()
    {
        using var spans = new SpanCollector("trnest");
        using var appSource = new ActivitySource("CacheGen.Tests.App");
        using var appListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == appSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(appListener);
        await using var set = await EngineSet.StartAsync(server.Endpoint, 1);
        var method = Cached.Method<string>(set[0], new CachePolicy("trnest:{id}", ttlSeconds: 60));

        using (var request = appSource.StartActivity("GET /report"))
        {
            Assert.Equal("v", await method.GetAsync("1", () => "v"));
            Assert.Equal(request!.SpanId, spans.Single("cachegen.get").ParentSpanId);
            Assert.Same(request, Activity.Current); // CacheGen's spans ended and the caller's is current again
        }
    }

    /// <summary>Collects the stopped spans of source "CacheGen" whose keyspace is the test's.</summary>
    private sealed class SpanCollector : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _stopped = new();

        public SpanCollector(string keyspace)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == CacheGenTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("cachegen.keyspace") as string == keyspace)
                    {
                        _stopped.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<Activity> Named(string operation) => _stopped.Where(a => a.OperationName == operation).ToList();

        public Activity Single(string operation)
        {
            var named = Named(operation);
            Assert.True(named.Count == 1, $"expected one {operation} span, saw {named.Count}: {string.Join(", ", _stopped.Select(a => a.OperationName))}");
            return named[0];
        }

        public void Clear() => _stopped.Clear();

        public void Dispose() => _listener.Dispose();
    }
}
