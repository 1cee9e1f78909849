namespace CacheGen.Tests.Infrastructure;

/// <summary>
/// The "database" behind a cached method: a value that writers change and loaders read, with a load counter.
/// Deliberately an in-memory stand-in for the user's database only — Redis is always real.
/// </summary>
public sealed class FakeDatabase<T>(T initial)
    where T : class
{
    private T _value = initial;
    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    public T Value
    {
        get => Volatile.Read(ref _value);
        set => Volatile.Write(ref _value, value);
    }

    public T Read()
    {
        Interlocked.Increment(ref _loads);
        return Value;
    }
}

/// <summary>A one-shot gate: code awaits <see cref="WaitAsync"/> until the test opens it.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync() => _open.Task;

    public void Open() => _open.TrySetResult();
}

/// <summary>A signal the code under test raises and the test awaits (with a bound, so a bug fails instead of hanging).</summary>
public sealed class Signal<T>
{
    private readonly TaskCompletionSource<T> _raised = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Raise(T value) => _raised.TrySetResult(value);

    public bool IsRaised => _raised.Task.IsCompleted;

    public Task<T> WaitAsync(double seconds = 20) => _raised.Task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
