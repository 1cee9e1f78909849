using CacheGen;

namespace CacheGen.EndToEnd.Repositories;

public abstract class StorageBackend
{
    public abstract string Name { get; }
}

public sealed class WarehouseBackend : StorageBackend
{
    public override string Name => "warehouse";
}

public interface IInventory
{
    Task<string> DescribeAsync(int shelf, CancellationToken ct = default);

    Task RestockAsync(int shelf, CancellationToken ct = default);

    int Loads { get; }
}

/// <summary>A generic implementation class behind a closed interface.</summary>
public sealed class Inventory<TBackend> : IInventory
    where TBackend : StorageBackend, new()
{
    private int _loads;
    private int _restocks;

    public int Loads => _loads;

    [Cached("inventory:{shelf}")]
    public Task<string> DescribeAsync(int shelf, CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult($"{new TBackend().Name} shelf {shelf}, restocked {Volatile.Read(ref _restocks)}");
    }

    [InvalidatesCache("inventory:{shelf}")]
    public Task RestockAsync(int shelf, CancellationToken ct)
    {
        Interlocked.Increment(ref _restocks);
        return Task.CompletedTask;
    }
}
