using System;
using System.Threading;
using CacheGen.Tool;

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

return await Cli.RunAsync(args, Console.Out, Console.Error, Console.IsErrorRedirected ? null : Console.Error, cancel.Token);
