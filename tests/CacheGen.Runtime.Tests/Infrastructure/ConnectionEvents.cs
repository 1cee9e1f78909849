using StackExchange.Redis;

namespace CacheGen.Tests.Infrastructure;

/// <summary>Signals raised by a connection's events, for tests that cut or restore Redis.</summary>
public static class ConnectionEvents
{
    /// <summary>Raised when the interactive connection fails (or, with <paramref name="restored"/>, comes back).</summary>
    public static Signal<bool> Signal(IConnectionMultiplexer connection, bool restored)
    {
        var signal = new Signal<bool>();
        void Handler(object? sender, ConnectionFailedEventArgs e)
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                signal.Raise(true);
            }
        }

        if (restored)
        {
            connection.ConnectionRestored += Handler;
        }
        else
        {
            connection.ConnectionFailed += Handler;
        }

        return signal;
    }
}
