using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CacheGen.AspNetCore.Tests.Infrastructure;

/// <summary>A real varnishd with the repository's VCL (deploy/varnish/cachegen.vcl), in front of one test application.</summary>
public sealed class VarnishProcess : IDisposable
{
    private readonly string _workDir;
    private readonly System.Text.StringBuilder _log = new();
    private Process? _process;

    private VarnishProcess(string workDir, int port)
    {
        _workDir = workDir;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public int? ProcessId => _process?.Id;

    /// <summary>varnishd's path, or null when Varnish is not installed.</summary>
    public static string? Binary => new[] { "/usr/sbin/varnishd", "/usr/local/sbin/varnishd" }.FirstOrDefault(File.Exists);

    public static async Task<VarnishProcess> StartAsync(Uri backend)
    {
        var repository = RepositoryRoot();
        var vcl = await File.ReadAllTextAsync(Path.Combine(repository, "deploy", "varnish", "cachegen.vcl"));
        var backendBlock = $"backend default {{\n    .host = \"{backend.Host}\";\n    .port = \"{backend.Port}\";\n}}";
        var start = vcl.IndexOf("backend default {", StringComparison.Ordinal);
        var end = vcl.IndexOf('}', start) + 1;
        vcl = string.Concat(vcl.AsSpan(0, start), backendBlock, vcl.AsSpan(end));
        var workDir = Directory.CreateTempSubdirectory("cachegen-varnish-").FullName;
        // varnishd drops to its own user (when started as root): it must be able to read the VCL and its work directory.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(workDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var vclPath = Path.Combine(workDir, "cachegen.vcl");
        await File.WriteAllTextAsync(vclPath, vcl);
        var varnish = new VarnishProcess(workDir, CacheGen.Tests.Infrastructure.RedisServerFixture.FreePort());
        await varnish.LaunchAsync(vclPath);
        return varnish;
    }

    private async Task LaunchAsync(string vclPath)
    {
        var start = new ProcessStartInfo(Binary ?? throw new InvalidOperationException("varnishd is not installed (Debian: apt-get install varnish varnish-modules)"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-F", "-a", $"127.0.0.1:{Port}", "-f", vclPath, "-n", Path.Combine(_workDir, "n"), "-s", "malloc,32m", "-p", "default_grace=0", "-p", "default_keep=0" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_log) { _log.AppendLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_log) { _log.AppendLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Up when it accepts connections (VCL compiled, child started).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"varnishd exited with {_process.ExitCode} while starting:\n{_log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops the whole process group from running (SIGSTOP): connections are accepted by the kernel, nothing answers.</summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        // The manager and its child both: the child serves requests.
        foreach (var pid in Descendants(_process!.Id).Prepend(_process.Id))
        {
            using var kill = Process.Start("kill", $"-{signal} {pid}");
            kill!.WaitForExit();
        }
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var children = File.Exists($"/proc/{pid}/task/{pid}/children") ? File.ReadAllText($"/proc/{pid}/task/{pid}/children") : "";
        foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
        {
            yield return child;
            foreach (var grandchild in Descendants(child))
            {
                yield return grandchild;
            }
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                Resume();
            }
            catch (InvalidOperationException)
            {
            }

            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CacheGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("CacheGen.sln not found above the test assembly.");
    }
}

/// <summary>Runs where Varnish is installed; in CI (CI=true) it runs always, so a missing Varnish fails instead of skipping.</summary>
public sealed class VarnishFactAttribute : FactAttribute
{
    public VarnishFactAttribute()
    {
        if (VarnishProcess.Binary is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "varnishd is not installed (Debian: apt-get install varnish varnish-modules); CI installs it";
        }
    }
}
