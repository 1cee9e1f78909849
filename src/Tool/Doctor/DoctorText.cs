using System.IO;
using System.Linq;

namespace CacheGen.Tool.Doctor;

/// <summary>The human-readable form of a <see cref="DoctorReport"/>.</summary>
internal static class DoctorText
{
    public static void Write(TextWriter writer, DoctorReport report)
    {
        writer.WriteLine($"cachegen doctor — {report.At:u}, prefix '{report.Prefix}'");
        foreach (var server in report.Servers)
        {
            var examined = server.KeysExamined is { } keys
                ? $": {keys:N0} keys examined in {server.ScanCalls} SCAN calls{(server.Complete == true ? ", every key under the prefix" : ", part of its keyspace")}"
                : string.Empty;
            writer.WriteLine($"  server {server.Endpoint} ({server.Role}, Redis {server.Version}){examined}");
        }

        var sample = report.Sample;
        writer.WriteLine($"  sampled {sample.KeysExamined:N0} keys (limit {sample.SampleLimit:N0}) in {sample.ScanCalls} SCAN calls (COUNT {sample.ScanCount}, at most {sample.ScanCallBudget}){(sample.Complete ? ": every key under the prefix" : ": part of the keyspace")}");
        writer.WriteLine($"  by kind: {string.Join(", ", report.KeysByKind.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:N0}"))}");
        writer.WriteLine($"  TTL: {string.Join(", ", report.TtlHistogram.Select(b => $"{b.Range} {b.Keys:N0}"))}");
        writer.WriteLine($"  invalidation channel subscribers: {report.ChannelSubscribers?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not counted (PUBSUB NUMSUB refused)"}");
        writer.WriteLine();
        foreach (var finding in report.Findings)
        {
            Output.WriteFinding(writer, finding);
        }

        var problems = report.Findings.Count(f => f.Severity >= Severity.Warning);
        writer.WriteLine();
        writer.WriteLine(problems == 0 ? "No problems found." : $"{problems} problem(s) found.");
    }
}
