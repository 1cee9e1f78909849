using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CacheGen.Tests.Infrastructure;

/// <summary>Records every measurement of one engine's Meter <c>CacheGen</c>.</summary>
public sealed class MetricCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly Meter _meter;

    public MetricCollector(CacheEngine engine)
    {
        _meter = engine.Metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Raised after each measurement.</summary>
    public event Action<Measurement>? Measured;

    public IReadOnlyList<Measurement> All => [.. _measurements];

    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        All.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value)).Sum(m => m.Value);

    public int Count(string instrument) => All.Count(m => m.Instrument == instrument);

    /// <summary>Asks the observable instruments for their values now (they report only when collected).</summary>
    public void CollectObservables() => _listener.RecordObservableInstruments();

    /// <summary>Forgets what was recorded so far.</summary>
    public void Clear() => _measurements.Clear();

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            dictionary[tag.Key] = tag.Value?.ToString();
        }

        var measurement = new Measurement(instrument.Name, value, dictionary);
        _measurements.Enqueue(measurement);
        Measured?.Invoke(measurement);
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
}
