using System.Diagnostics;

namespace CacheGen.Tool.Tests.Infrastructure;

/// <summary>Runs the built cachegen command as a process of its own, from the tool's own build output.</summary>
public static class ToolProcess
{
    // The copy beside the tests resolves its dependencies through the tests' ASP.NET Core framework, which the tool does
    // not run on: run the tool's own output, of the same configuration (bin/<configuration>/<framework>/).
    private static string ToolPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CacheGen.sln")))
            {
                return Path.Combine(directory.FullName, "src", "Tool", "bin", configuration, framework, "CacheGen.Tool.dll");
            }
        }

        throw new DirectoryNotFoundException("CacheGen.sln not found above the test assembly.");
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
