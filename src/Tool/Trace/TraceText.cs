using System.IO;
using System.Linq;

namespace CacheGen.Tool.Trace;

/// <summary>The human-readable form of a <see cref="TraceReport"/>.</summary>
internal static class TraceText
{
    public static void Write(TextWriter writer, TraceReport report)
    {
        var response = report.Response;
        writer.WriteLine($"cachegen trace — GET {response.Url} → {response.Status} ({response.BodyLength:N0} bytes, {response.ElapsedMs:0.#} ms) at {report.At:u}");
        if (report.OriginResponse is { } origin)
        {
            writer.WriteLine($"  origin: GET {origin.Url} → {origin.Status} ({origin.BodyLength:N0} bytes)");
        }

        foreach (var layer in report.Layers)
        {
            writer.WriteLine();
            writer.WriteLine($"{layer.Name}");
            foreach (var (name, value) in layer.Facts)
            {
                writer.WriteLine($"  {name}: {value}");
            }

            foreach (var verdict in layer.Verdicts)
            {
                Output.WriteFinding(writer, verdict, "  ");
            }
        }

        var problems = report.Layers.SelectMany(l => l.Verdicts).Count(f => f.Severity >= Severity.Warning);
        writer.WriteLine();
        writer.WriteLine(problems == 0 ? "No problems found." : $"{problems} problem(s) found.");
    }
}
