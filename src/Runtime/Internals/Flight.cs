using System.Threading.Tasks;

namespace CacheGen.Internals;

/// <summary>One in-process load of one key that concurrent callers share (single flight).</summary>
internal sealed class Flight<T>
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public void Complete(T value) => _completion.TrySetResult(value);

    public void Fail(System.Exception exception) => _completion.TrySetException(exception);
}
