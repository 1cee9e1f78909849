using System.IO;
using System.Linq;

namespace CacheGen.Tool.Watch;

/// <summary>The human-readable lines of <c>cachegen watch</c>.</summary>
internal static class WatchText
{
    public static void Write(TextWriter writer, WatchEvent e)
    {
        var line = e.Kind switch
        {
            WatchEventKind.Invalidation => $"invalidate key  {e.Key}  [{e.Keyspace}]{From(e)}",
            WatchEventKind.TagInvalidation => $"invalidate tag  {e.Tag}{From(e)}",
            WatchEventKind.Fill => $"filled          {e.Key}{(e.Keyspace is null ? string.Empty : $"  [{e.Keyspace}]")}",
            WatchEventKind.Confirmation => $"confirmed       invalidation {e.Id} of {e.Source}",
            _ => $"MALFORMED       {e.Reason}",
        };
        writer.WriteLine($"{e.At:HH:mm:ss.fff}  {line}");
    }

    public static void Write(TextWriter writer, WatchSecond second) =>
        writer.WriteLine($"{second.At:HH:mm:ss}  -- {second.Messages}/s: {string.Join(", ", second.ByKeyspace.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))}");

    public static void Write(TextWriter writer, WatchReport report)
    {
        writer.WriteLine();
        writer.WriteLine($"watched '{report.Channel}' for {report.Seconds:0.#} s: {string.Join(", ", report.ByKind.Select(p => $"{p.Value} {p.Key}"))}{(report.ByKind.Count == 0 ? "nothing heard" : string.Empty)}");
        foreach (var keyspace in report.Keyspaces)
        {
            writer.WriteLine($"  {keyspace.Keyspace}: {keyspace.Invalidations} invalidations ({keyspace.InvalidationsPerSecond:0.###}/s, peak {keyspace.PeakPerSecond} messages/s), {keyspace.Fills} fills");
        }

        foreach (var (sender, count) in report.BySender)
        {
            writer.WriteLine($"  from {sender}: {count}");
        }

        foreach (var finding in report.Findings)
        {
            Output.WriteFinding(writer, finding, "  ");
        }
    }

    private static string From(WatchEvent e) => $"{(e.Source is null ? string.Empty : $"  from {e.Source}")}{(e.Id is null ? string.Empty : $" (id {e.Id})")}";
}
