using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace CacheGen.Benchmarks;

/// <summary>
/// What the run-time round-trip check adds to a checked write (the first 8 values of each method, then one in 1,024):
/// the value is encoded as for any write, then decoded and encoded again and the bytes compared. Measured with the
/// default serializer on the benchmark's <see cref="Report"/> and on a 50-line order. Misses only: hits never run it.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RoundTripCheckBenchmarks
{
    private readonly SystemTextJsonCacheSerializer _serializer = new();
    private readonly Report _report = new(2024, 5, 1234.5m);
    private readonly Order _order = new(42, "ada@example.com", DateTimeOffset.Parse("2026-12-03T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture),
        [.. Enumerable.Range(1, 50).Select(i => new OrderLine($"SKU-{i:D4}", i % 7 + 1, 9.99m + i))]);

    [Benchmark(Baseline = true)]
    public int Write_report() => Encode(_report).Length;

    [Benchmark]
    public bool Write_report_checked() => Checked(_report);

    [Benchmark]
    public int Write_order() => Encode(_order).Length;

    [Benchmark]
    public bool Write_order_checked() => Checked(_order);

    private byte[] Encode<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        _serializer.Serialize(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private bool Checked<T>(T value)
    {
        var written = Encode(value);
        var read = _serializer.Deserialize<T>(written);
        return read!.GetType() == value!.GetType() && Encode(read).AsSpan().SequenceEqual(written);
    }
}

public sealed record OrderLine(string Sku, int Quantity, decimal Price);

public sealed record Order(int Id, string Customer, DateTimeOffset Placed, IReadOnlyList<OrderLine> Lines);
