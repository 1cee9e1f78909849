using CacheGen.Internals;
using CacheGen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CacheGen.Tests;

/// <summary>
/// The L1 structures alone, driven from several threads: no interleaving of fills and invalidations of one key may
/// leave an entry that serves hits but that invalidation cannot reach.
/// </summary>
public sealed class LocalIndexTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_second_fill_of_a_key_cannot_slip_between_the_halves_of_the_first()
    {
        var index = new LocalIndex(10_000, TimeProvider.System);
        var cache = new LocalCache<int, string>(index);
        const string Key = "k:1";
        var firstInside = new Signal<bool>();
        var releaseFirst = new ManualResetEventSlim();
        var secondInside = new Signal<bool>();
        index.DuringFill = value =>
        {
            if (!firstInside.IsRaised)
            {
                firstInside.Raise(true);
                releaseFirst.Wait(TimeSpan.FromSeconds(20)); // the first fill is paused after its version check
            }
            else
            {
                secondInside.Raise(true);
            }
        };

        var version = index.VersionOf(Key);
        var first = Task.Run(() => cache.TryFill(1, Key, "first", long.MaxValue, version));
        await firstInside.WaitAsync();
        var second = Task.Run(() => cache.TryFill(1, Key, "second", long.MaxValue, version));

        // While the first fill is inside, the second must not get in (it waits for the key's lock). Had it got in, the
        // index and the method's dictionary could now disagree about which entry is current.
        await Task.WhenAny(secondInside.WaitAsync(), Task.Delay(TimeSpan.FromMilliseconds(300)));
        var secondGotIn = secondInside.IsRaised;
        releaseFirst.Set();
        await Task.WhenAll(first, second);
        Assert.False(secondGotIn, "a second fill of the same key ran while the first was half done");

        index.Invalidate(Key);
        Assert.False(cache.TryGet(1, 0, out var left), $"an entry survived its invalidation: {left?.Value}");
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void A_fill_that_read_its_version_before_an_invalidation_stores_nothing()
    {
        var index = new LocalIndex(10_000, TimeProvider.System);
        var cache = new LocalCache<int, string>(index);
        var version = index.VersionOf("k:1");
        index.Invalidate("k:1");
        Assert.Null(cache.TryFill(1, "k:1", "old", long.MaxValue, version));
        Assert.False(cache.TryGet(1, 0, out _));
    }

    [Fact]
    public void Two_argument_tuples_with_one_rendered_key_keep_one_entry_that_invalidation_reaches()
    {
        var index = new LocalIndex(10_000, TimeProvider.System);
        var cache = new LocalCache<CacheKeyPart<decimal>, string>(index);
        var zero = new CacheKeyPart<decimal>(0m);
        var negativeZero = new CacheKeyPart<decimal>(-0m);
        Assert.NotNull(cache.TryFill(zero, "p:0", "a", long.MaxValue, index.VersionOf("p:0")));
        Assert.NotNull(cache.TryFill(negativeZero, "p:0", "b", long.MaxValue, index.VersionOf("p:0")));
        Assert.Equal(1, cache.Count);
        index.Invalidate("p:0");
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Randomized_fills_and_invalidations_on_several_threads_leave_no_unreachable_entry()
    {
        const int Threads = 3;
        const int Keys = 2;
        const int OperationsPerRound = 64;

        // Short rounds: a broken structure heals at the key's next fill, so what counts is the state each round ends in.
        var rounds = TestScale.Rounds(5_300); // 3 threads x 64 x 5,300 = 1,017,600 operations in the suite
        var index = new LocalIndex(1_000_000, TimeProvider.System);
        var cache = new LocalCache<int, int>(index);
        var names = Enumerable.Range(0, Keys).Select(k => $"k:{k}").ToArray();
        var unreachable = 0;
        var operations = 0L;
        using var barrier = new Barrier(Threads + 1);

        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            var random = new Random(20261203 + t);
            for (var round = 0; round < rounds; round++)
            {
                barrier.SignalAndWait();
                for (var i = 0; i < OperationsPerRound; i++)
                {
                    var k = random.Next(Keys);
                    switch (random.Next(4))
                    {
                        case 0:
                            index.Invalidate(names[k]);
                            break;
                        case 1:
                            // A load that an invalidation may overtake: read the version, yield, then fill.
                            var version = index.VersionOf(names[k]);
                            Thread.Yield();
                            cache.TryFill(k, names[k], i, long.MaxValue, version);
                            break;
                        default:
                            cache.TryFill(k, names[k], i, long.MaxValue, index.VersionOf(names[k]));
                            break;
                    }
                }

                Interlocked.Add(ref operations, OperationsPerRound);
                barrier.SignalAndWait();
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        for (var round = 0; round < rounds; round++)
        {
            barrier.SignalAndWait(); // go
            barrier.SignalAndWait(); // quiet: every worker is done with this round

            // Invalidate every key; whatever still answers a hit is an entry invalidation could not reach.
            foreach (var name in names)
            {
                index.Invalidate(name);
            }

            for (var k = 0; k < Keys; k++)
            {
                if (cache.TryGet(k, 0, out _))
                {
                    unreachable++;
                }
            }

            unreachable += index.Count;
        }

        await Task.WhenAll(workers);
        output.WriteLine($"{operations:N0} operations on {Threads} threads in {rounds} rounds: {unreachable} unreachable entries");
        Assert.True(operations >= 1_000_000 || rounds < 5_300);
        Assert.Equal(0, unreachable);
    }
}
