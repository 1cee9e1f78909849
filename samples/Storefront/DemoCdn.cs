using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using CacheGen;
using CacheGen.AspNetCore;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront;

/// <summary>
/// The demo's last step, when Varnish is installed: instance A serves the revenue report over HTTP behind a real varnishd
/// (the repository's VCL, xkey), instance B writes a price and purges Varnish, and the next request through Varnish is
/// fresh. Without Varnish the step says how to install it and the demo goes on.
/// </summary>
internal static class DemoCdn
{
    private const string Varnishd = "/usr/sbin/varnishd";

    /// <summary>The report rows, or null when Varnish is not available (the reason is printed). Fails only on stale data.</summary>
    public static async Task<(List<(string, string)>? Rows, bool Fresh)> RunAsync(string redis, QueryCounter counter, int year, int month, Action<string> say)
    {
        var vcl = FindVcl();
        if (!File.Exists(Varnishd) || vcl is null || !Directory.EnumerateFiles("/usr/lib", "libvmod_xkey.so", SearchOption.AllDirectories).Any())
        {
            say("Varnish is not installed, so the CDN step is skipped (Debian: apt-get install varnish varnish-modules).");
            return (null, true);
        }

        // Instance A over HTTP: the sample's revenue endpoint with its headers.
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddStorefront(redis, counter);
        await using var web = builder.Build();
        web.UseCacheGenHttp();
        web.MapGet("/reports/revenue/{year:int}/{month:int}", async (int year, int month, IProductRepository products, CancellationToken ct) =>
                Results.Ok(await products.GetMonthlyRevenueAsync(year, month, ct)))
            .CacheAtEdge(TimeSpan.FromMinutes(1), staleWhileRevalidate: TimeSpan.FromMinutes(5));
        await web.StartAsync();
        var origin = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var varnish = await VarnishDaemon.StartAsync(vcl, origin, say);
        if (varnish is null)
        {
            return (null, true);
        }

        // Instance B, which writes, and purges Varnish after each invalidation.
        await using var writer = new ServiceCollection().AddStorefront(redis, counter).AddVarnishPurger(varnish.Address).BuildServiceProvider();
        var purging = writer.GetRequiredService<CdnPurging>();
        await purging.StartAsync(CancellationToken.None);
        await writer.GetRequiredService<CacheEngine>().WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        using var http = new HttpClient { BaseAddress = varnish.Address };
        var path = $"/reports/revenue/{year}/{month}";
        var rows = new List<(string, string)>();
        var first = await GetAsync(http, path);
        rows.Add(("through Varnish, first request: X-Cache", first.XCache));
        var second = await GetAsync(http, path);
        rows.Add(("through Varnish, second request: X-Cache", second.XCache));

        using (var scope = writer.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var sold = await db.Orders.Where(o => o.Year == year && o.Month == month).Select(o => o.ProductId).FirstAsync();
            var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == sold);
            product.Price += 1m;
            await scope.ServiceProvider.GetRequiredService<IProductRepository>().UpdateProductAsync(product); // [InvalidatesCacheTag("revenue")]
        }

        var acknowledged = Stopwatch.StartNew();
        (decimal Revenue, string XCache) now;
        do
        {
            now = await GetAsync(http, path);
        }
        while (now.Revenue == first.Revenue && acknowledged.Elapsed < TimeSpan.FromSeconds(10));

        var elapsed = acknowledged.Elapsed.TotalMilliseconds;
        var fresh = now.Revenue != first.Revenue;
        rows.Add(("write on B (price +1) → B purged Varnish (xkey t:revenue)", purging.Pending == 0 ? "yes" : $"{purging.Pending} key(s) pending"));
        rows.Add(("next request through Varnish: X-Cache", now.XCache));
        rows.Add(("  fresh at every layer", fresh ? "yes" : "NO"));
        rows.Add(("  time from the write's acknowledgement to Varnish serving fresh", fresh ? $"{elapsed:F1} ms" : "-"));
        await purging.StopAsync(CancellationToken.None);
        await web.StopAsync();
        return (rows, fresh);
    }

    private static async Task<(decimal Revenue, string XCache)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("revenue").GetDecimal(), response.Headers.TryGetValues("X-Cache", out var values) ? string.Join(", ", values) : "");
    }

    private static string? FindVcl()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var vcl = Path.Combine(directory.FullName, "deploy", "varnish", "cachegen.vcl");
            if (File.Exists(vcl))
            {
                return vcl;
            }
        }

        return null;
    }

    /// <summary>varnishd with the repository's VCL, its backend pointed at the demo's instance A.</summary>
    private sealed class VarnishDaemon(Process process, string workDir, int port) : IDisposable
    {
        public Uri Address { get; } = new($"http://127.0.0.1:{port}/");

        public static async Task<VarnishDaemon?> StartAsync(string vclPath, Uri backend, Action<string> say)
        {
            var vcl = await File.ReadAllTextAsync(vclPath);
            var start = vcl.IndexOf("backend default {", StringComparison.Ordinal);
            var end = vcl.IndexOf('}', start) + 1;
            vcl = string.Concat(vcl.AsSpan(0, start), $"backend default {{\n    .host = \"{backend.Host}\";\n    .port = \"{backend.Port}\";\n}}", vcl.AsSpan(end));
            var workDir = Directory.CreateTempSubdirectory("storefront-varnish-").FullName;
            if (!OperatingSystem.IsWindows())
            {
                // varnishd drops to its own user when started as root: it must read the VCL and its work directory.
                File.SetUnixFileMode(workDir, (UnixFileMode)0b111_101_101);
            }

            await File.WriteAllTextAsync(Path.Combine(workDir, "cachegen.vcl"), vcl);
            var port = StorefrontServices.FreePort();
            var info = new ProcessStartInfo(Varnishd) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-F", "-a", $"127.0.0.1:{port}", "-f", Path.Combine(workDir, "cachegen.vcl"), "-n", Path.Combine(workDir, "n"), "-s", "malloc,32m" })
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                if (process.HasExited)
                {
                    say($"varnishd exited with {process.ExitCode} while starting, so the CDN step is skipped.");
                    return null;
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                    say($"Started varnishd at 127.0.0.1:{port} in front of instance A ({backend}).");
                    return new VarnishDaemon(process, workDir, port);
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
                catch (SocketException)
                {
                    say("varnishd did not accept connections within 60 s, so the CDN step is skipped.");
                    process.Kill(entireProcessTree: true);
                    return null;
                }
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
            try
            {
                Directory.Delete(workDir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
