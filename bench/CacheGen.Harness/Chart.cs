using System.Globalization;
using ScottPlot;

namespace CacheGen.Harness;

/// <summary>One BenchmarkDotNet row: the benchmark's description, its mean and median in nanoseconds.</summary>
public sealed record BenchmarkRow(string Method, double MeanNs, double MedianNs, string Allocated);

/// <summary>Reads the CSV report BenchmarkDotNet writes (values carry their unit: "28.01 ns", "40.6 μs").</summary>
public static class BenchmarkDotNetCsv
{
    public static List<BenchmarkRow> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Split(lines[0]);
        int Column(string name) => Array.IndexOf(header, name);
        var (method, mean, median, allocated) = (Column("Method"), Column("Mean"), Column("Median"), Column("Allocated"));
        return lines.Skip(1).Select(Split)
            .Where(cells => cells.Length == header.Length)
            .Select(cells => new BenchmarkRow(
                cells[method].Trim('\''),
                Nanoseconds(cells[mean]),
                median >= 0 ? Nanoseconds(cells[median]) : Nanoseconds(cells[mean]),
                allocated >= 0 ? cells[allocated] : string.Empty))
            .ToList();
    }

    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch is ',' or ';' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    public static double Nanoseconds(string value)
    {
        var parts = value.Trim().Split(' ', 2);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return double.NaN;
        }

        return parts[1] switch
        {
            "ns" => number,
            "μs" or "us" or "µs" => number * 1_000,
            "ms" => number * 1_000_000,
            "s" => number * 1_000_000_000,
            _ => double.NaN,
        };
    }
}

/// <summary>The PNG of docs/benchmarks.md: L1 and Redis hit latency, stampede loads and p99 caller latency.</summary>
public static class Chart
{
    private static readonly string[] SystemOrder = ["CacheGen", "FusionCache", "HybridCache", "hand-written", "seed"];

    public static void Write(string path, IReadOnlyList<BenchmarkRow> hits, IReadOnlyList<StampedeSummary> stampede)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(4);
        HitPanel(multiplot.GetPlot(0), hits, "L1", "L1 hit (median, ns)", 1);
        HitPanel(multiplot.GetPlot(1), hits, "Redis", "Redis hit, L1 off (median, µs)", 1_000);
        StampedePanel(multiplot.GetPlot(2), stampede, s => s.Loads.Max(), "Stampede: database loads (worst run)");
        StampedePanel(multiplot.GetPlot(3), stampede, s => s.P99, "Stampede: p99 caller latency (ms)");
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        multiplot.SavePng(path, 1400, 900);
    }

    private static void HitPanel(Plot plot, IReadOnlyList<BenchmarkRow> hits, string category, string title, double divisor)
    {
        plot.Title(title);
        var rows = hits.Where(h => h.Method.Contains(category + " hit", StringComparison.Ordinal)).ToList();
        if (rows.Count == 0)
        {
            plot.Add.Annotation("no BenchmarkDotNet report given (--bdn)");
            return;
        }

        var ticks = new List<Tick>();
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var value = rows[i].MedianNs / divisor;
            bars.Add(new Bar
            {
                Position = i,
                Value = value,
                FillColor = rows[i].Method.StartsWith("CacheGen", StringComparison.Ordinal) ? Colors.SeaGreen : Colors.SlateGray,
                Label = value.ToString(value >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture),
            });
            ticks.Add(new Tick(i, Label(rows[i].Method)));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Margins(bottom: 0);
    }

    private static void StampedePanel(Plot plot, IReadOnlyList<StampedeSummary> stampede, Func<StampedeSummary, double> value, string title)
    {
        plot.Title(title);
        var systems = stampede.Select(s => s.System).Distinct().ToList();
        var configs = stampede.Select(s => (s.Processes, s.Callers)).Distinct().ToList();
        var palette = new[] { Colors.SeaGreen, Colors.SteelBlue, Colors.Orange, Colors.IndianRed };
        var ticks = new List<Tick>();
        var bars = new List<Bar>();
        for (var s = 0; s < systems.Count; s++)
        {
            for (var c = 0; c < configs.Count; c++)
            {
                var row = stampede.FirstOrDefault(r => r.System == systems[s] && (r.Processes, r.Callers) == configs[c]);
                if (row is null)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = s * (configs.Count + 1) + c,
                    Value = value(row),
                    FillColor = palette[c % palette.Length],
                    Label = value(row).ToString(value(row) >= 10 ? "F0" : "0.#", CultureInfo.InvariantCulture),
                });
            }

            ticks.Add(new Tick(s * (configs.Count + 1) + (configs.Count - 1) / 2.0, Label(Systems.Display(systems[s]))));
        }

        plot.Add.Bars(bars);
        for (var c = 0; c < configs.Count; c++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{configs[c].Processes} × {configs[c].Callers}", FillColor = palette[c % palette.Length] });
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Margins(bottom: 0);
    }

    private static string Label(string name)
    {
        var system = SystemOrder.FirstOrDefault(s => name.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        return system ?? name;
    }
}
