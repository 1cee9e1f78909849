using System.Diagnostics;

namespace CacheGen.Deploy.Tests.Infrastructure;

/// <summary>Runs Prometheus' promtool from PATH. Without it the calling test fails (it is never skipped).</summary>
public static class Promtool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"promtool exited with {ExitCode}:\n{Output}";
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"promtool {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s");
        }

        return new Result(process.ExitCode, (await stdout) + (await stderr));
    }

    private static string Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "promtool.exe" } : ["promtool"])
            {
                var candidate = System.IO.Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            "promtool was not found on PATH. It comes with Prometheus: on Debian or Ubuntu `apt-get install prometheus`; elsewhere " +
            "download Prometheus and put the directory holding promtool on PATH. These tests check the alert rules and the dashboard with it.");
    }
}
