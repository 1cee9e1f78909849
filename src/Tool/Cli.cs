using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Collections.Generic;
using CacheGen.Tool.Doctor;
using CacheGen.Tool.Trace;
using CacheGen.Tool.Watch;
using StackExchange.Redis;

namespace CacheGen.Tool;

/// <summary>The command line: parses it, runs the command, writes its report and returns the exit code.</summary>
public static class Cli
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        cachegen: look into a CacheGen deployment (Redis keyspace, invalidations, one request through every cache layer).

        Usage:
          cachegen doctor --redis <config> [--prefix P] [--sample N] [--scan-count N] [--max-scan-calls N]
                          [--expected-instances N] [--big-key-bytes N] [--lease-ttl S] [--max-stale S]
                          [--channel C] [--cluster-threshold N] [--json]
          cachegen trace <url> [--redis <config>] [--prefix P] [--header "Name: value"]... [--origin <url>]
                         [--key K]... [--tag T]... [--timeout S] [--json]
          cachegen watch --redis <config> [--channel C] [--duration S] [--json]

        Exit codes: 0 nothing found (or watch ran to its end), 1 findings (warnings or errors),
                    2 usage error, 3 Redis or the URL cannot be reached (or Redis failed a command),
                    130 cancelled (Ctrl+C) before doctor or trace finished.
        See docs/doctor.md.
        """;

    /// <summary>Runs a command line. Progress goes to <paramref name="progress"/> when it is not null (a terminal).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextWriter? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        Action<string>? report = progress is null ? null : line => progress.Write($"\r{line}\u001b[K");
        try
        {
            var rest = args.Skip(1).ToArray();
            var code = args[0] switch
            {
                "doctor" => await DoctorAsync(rest, stdout, report, cancellationToken).ConfigureAwait(false),
                "trace" => await TraceAsync(rest, stdout, cancellationToken).ConfigureAwait(false),
                "watch" => await WatchAsync(rest, stdout, cancellationToken).ConfigureAwait(false),
                _ => throw new UsageException($"Unknown command '{args[0]}'."),
            };
            progress?.Write("\r\u001b[K");
            return code;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"cachegen: {e.Message}");
            stderr.WriteLine();
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }
        catch (UnreachableException e)
        {
            progress?.Write("\r\u001b[K");
            stderr.WriteLine($"cachegen: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress?.Write("\r\u001b[K");
            stderr.WriteLine("cachegen: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // One line, never a stack trace: the server's own words (WRONGTYPE, NOPERM, a timeout) say what went wrong.
            progress?.Write("\r\u001b[K");
            stderr.WriteLine($"cachegen: Redis failed a command: {OneLine(e.Message)}");
            return ExitCodes.Unreachable;
        }
    }

    private static async Task<int> DoctorAsync(string[] args, TextWriter stdout, Action<string>? progress, CancellationToken cancellationToken)
    {
        var a = Arguments.Parse("doctor", args, ["redis", "prefix", "sample", "scan-count", "max-scan-calls", "expected-instances", "big-key-bytes", "lease-ttl", "max-stale", "channel", "cluster-threshold"], ["json"]);
        NoPositional(a);
        var options = new DoctorOptions
        {
            Redis = a.Required("redis"),
            Prefix = Prefix(a),
            Sample = a.Int("sample", 10_000, 1, 10_000_000),
            ScanCount = a.Int("scan-count", 1_000, 1, 1_000_000),
            MaxScanCalls = a.OptionalInt("max-scan-calls", 1, 10_000_000),
            ExpectedInstances = a.OptionalInt("expected-instances", 0, 100_000),
            BigKeyBytes = a.Long("big-key-bytes", 1024 * 1024, 1),
            LeaseTtl = a.Seconds("lease-ttl", CacheGenLayout.DefaultLeaseTtl),
            MaxStale = a.Seconds("max-stale", TimeSpan.FromHours(1)),
            Channel = a.Value("channel") ?? CacheGenLayout.DefaultChannel,
            ClusterThreshold = a.Int("cluster-threshold", 10, 2, 1_000_000),
        };
        var report = await new DoctorRunner(options, progress).RunAsync(cancellationToken).ConfigureAwait(false);
        if (a.Flag("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, Output.Json));
        }
        else
        {
            DoctorText.Write(stdout, report);
        }

        return ExitCodes.For(report.Findings);
    }

    private static async Task<int> TraceAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        var a = Arguments.Parse("trace", args, ["redis", "prefix", "header", "origin", "key", "tag", "timeout"], ["json"]);
        if (a.Positional.Count != 1)
        {
            throw new UsageException("'trace' takes one URL.");
        }

        var options = new TraceOptions
        {
            Url = AbsoluteUrl(a.Positional[0], "the URL"),
            Redis = a.Value("redis"),
            Prefix = Prefix(a),
            Headers = a.Values("header").Select(Header).ToArray(),
            Origin = a.Value("origin") is { } origin ? AbsoluteUrl(origin, "--origin") : null,
            Keys = a.Values("key"),
            Tags = a.Values("tag"),
            Timeout = a.Seconds("timeout", TimeSpan.FromSeconds(10)),
        };
        var report = await new TraceRunner(options).RunAsync(cancellationToken).ConfigureAwait(false);
        if (a.Flag("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, Output.Json));
        }
        else
        {
            TraceText.Write(stdout, report);
        }

        return ExitCodes.For(report.Layers.SelectMany(l => l.Verdicts));
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // The text is repeated only when it holds no user info (it may hold a password).
    private static Uri AbsoluteUrl(string text, string what) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UsageException(text.Contains('@', StringComparison.Ordinal)
                ? $"{what} is not an absolute http or https URL."
                : $"{what} '{text}' is not an absolute http or https URL.");

    // A header's value is never repeated: it may be a credential (Authorization, Cookie).
    private static KeyValuePair<string, string> Header(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            ? new KeyValuePair<string, string>(text[..colon].Trim(), text[(colon + 1)..].Trim())
            : throw new UsageException("a --header is not 'Name: value'.");
    }

    private static async Task<int> WatchAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        var a = Arguments.Parse("watch", args, ["redis", "channel", "duration"], ["json"]);
        NoPositional(a);
        var options = new WatchOptions
        {
            Redis = a.Required("redis"),
            Channel = a.Value("channel") ?? CacheGenLayout.DefaultChannel,
            Duration = a.Value("duration") is null ? null : a.Seconds("duration", TimeSpan.Zero),
        };
        var json = a.Flag("json");
        var gate = new object();
        void Line(Action write)
        {
            lock (gate)
            {
                write();
                stdout.Flush();
            }
        }

        var runner = new WatchRunner(
            options,
            e => Line(() =>
            {
                if (json)
                {
                    stdout.WriteLine(JsonSerializer.Serialize(e, Output.JsonLines));
                }
                else
                {
                    WatchText.Write(stdout, e);
                }
            }),
            s => Line(() =>
            {
                if (json)
                {
                    stdout.WriteLine(JsonSerializer.Serialize(s, Output.JsonLines));
                }
                else
                {
                    WatchText.Write(stdout, s);
                }
            }));
        var report = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        Line(() =>
        {
            if (json)
            {
                stdout.WriteLine(JsonSerializer.Serialize(report, Output.JsonLines));
            }
            else
            {
                WatchText.Write(stdout, report);
            }
        });
        return ExitCodes.For(report.Findings);
    }

    internal static string Prefix(Arguments a)
    {
        var prefix = a.Value("prefix") ?? string.Empty;
        if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new UsageException($"--prefix '{prefix}' contains a brace; CacheGen's KeyPrefix never does.");
        }

        return prefix;
    }

    internal static void NoPositional(Arguments a)
    {
        if (a.Positional.Count > 0)
        {
            throw new UsageException($"'{a.Command}' takes no argument '{a.Positional[0]}'.");
        }
    }
}
