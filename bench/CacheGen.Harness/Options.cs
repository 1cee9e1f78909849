namespace CacheGen.Harness;

/// <summary>The harness's command line.</summary>
public sealed class Options
{
    public string? Redis { get; private set; }

    public int Runs { get; private set; } = 5;

    public string[] Systems { get; private set; } = Harness.Systems.All;

    public (int Processes, int Callers)[] Configs { get; private set; } = [(1, 500), (4, 125)];

    public int LoadMs { get; private set; } = 100;

    public int Trials { get; private set; } = 1000;

    public int L1Trials { get; private set; } = 200;

    public string Out { get; private set; } = Path.Combine("bench", "results");

    public string? BenchmarkDotNetReport { get; private set; }

    public int Instances { get; private set; } = 3;

    public double Minutes { get; private set; } = 10;

    public int Rows { get; private set; } = 64;

    public int Loops { get; private set; } = 16;

    public string Scenario { get; private set; } = "all";

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--redis": options.Redis = Value(); break;
                case "--runs": options.Runs = int.Parse(Value()); break;
                case "--systems": options.Systems = Value().Split(','); break;
                case "--configs":
                    options.Configs = Value().Split(',').Select(c => c.Split('x')).Select(p => (int.Parse(p[0]), int.Parse(p[1]))).ToArray();
                    break;
                case "--load-ms": options.LoadMs = int.Parse(Value()); break;
                case "--trials": options.Trials = int.Parse(Value()); break;
                case "--l1-trials": options.L1Trials = int.Parse(Value()); break;
                case "--out": options.Out = Value(); break;
                case "--bdn": options.BenchmarkDotNetReport = Value(); break;
                case "--instances": options.Instances = int.Parse(Value()); break;
                case "--minutes": options.Minutes = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--rows": options.Rows = int.Parse(Value()); break;
                case "--loops": options.Loops = int.Parse(Value()); break;
                case "--scenario": options.Scenario = Value(); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        foreach (var system in options.Systems)
        {
            if (!Harness.Systems.All.Contains(system))
            {
                throw new ArgumentException($"unknown system '{system}'; use one of: {string.Join(", ", Harness.Systems.All)}");
            }
        }

        return options;
    }
}
