using CacheGen.Internals;
using Microsoft.Extensions.Time.Testing;

namespace CacheGen.Tests;

/// <summary>The failure-ratio breaker: a window, a minimum throughput, a break, one half-open probe.</summary>
public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new();

    private CircuitBreaker NewBreaker() =>
        new(_time, breakDuration: TimeSpan.FromSeconds(5), samplingDuration: TimeSpan.FromSeconds(10), failureRatio: 0.5, minimumThroughput: 10);

    [Fact]
    public void One_failure_among_successes_leaves_it_closed()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 30; i++)
        {
            breaker.OnSuccess();
        }

        Assert.False(breaker.OnFailure());
        Assert.True(breaker.AllowsCall());
        Assert.False(breaker.IsBroken);
    }

    [Fact]
    public void Failures_below_the_minimum_throughput_leave_it_closed()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 9; i++)
        {
            Assert.False(breaker.OnFailure());
        }

        Assert.True(breaker.AllowsCall());
    }

    [Fact]
    public void It_opens_at_the_failure_ratio_and_refuses_calls_for_the_break()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 5; i++)
        {
            breaker.OnSuccess();
        }

        var opened = 0;
        for (var i = 0; i < 5; i++)
        {
            opened += breaker.OnFailure() ? 1 : 0;
        }

        Assert.Equal(1, opened); // the fifth failure: 5 of 10
        Assert.False(breaker.AllowsCall());
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(breaker.AllowsCall());
    }

    [Fact]
    public void After_the_break_exactly_one_probe_goes_through_and_its_success_closes_it()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.AllowsCall());
        Assert.False(breaker.AllowsCall()); // the probe is out: nobody else
        breaker.OnSuccess();
        Assert.True(breaker.AllowsCall());
        Assert.False(breaker.IsBroken);

        // The window was forgotten: one failure does not reopen it.
        Assert.False(breaker.OnFailure());
        Assert.True(breaker.AllowsCall());
    }

    [Fact]
    public void A_failed_probe_opens_it_for_another_break()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.AllowsCall());
        breaker.OnFailure();
        Assert.False(breaker.AllowsCall());
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(breaker.AllowsCall());
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(breaker.AllowsCall());
    }

    [Fact]
    public void A_probe_that_never_reports_is_replaced_after_a_break()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.AllowsCall());
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.AllowsCall());
    }

    [Fact]
    public void An_answer_to_a_background_command_lets_the_probe_through_before_the_break_ends()
    {
        var breaker = Opened();
        Assert.False(breaker.AllowsCall());
        breaker.Probed();
        Assert.True(breaker.AllowsCall());
        Assert.False(breaker.AllowsCall());
    }

    [Fact]
    public void Failures_older_than_the_window_are_forgotten()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 9; i++)
        {
            breaker.OnFailure();
        }

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(breaker.OnFailure()); // 1 in the window, not 10
        Assert.True(breaker.AllowsCall());
    }

    private CircuitBreaker Opened()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 10; i++)
        {
            breaker.OnFailure();
        }

        Assert.True(breaker.IsBroken);
        return breaker;
    }
}
