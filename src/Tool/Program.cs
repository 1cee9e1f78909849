using System;
using System.Threading;
using System.Threading.Tasks;

namespace CacheGen.Tool;

/// <summary>The cachegen command.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C ends the command cleanly (watch prints its summary); a second one kills the process.
            if (!cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                cancel.Cancel();
            }
        };

        // Progress goes to stderr only when it is a terminal; piped output stays plain.
        return await Cli.RunAsync(args, Console.Out, Console.Error, Console.IsErrorRedirected ? null : Console.Error, cancel.Token).ConfigureAwait(false);
    }
}
