using System.Globalization;
using System.Net;

namespace CacheGen.Internals;

/// <summary>An endpoint as users write it, <c>host:port</c> (a DnsEndPoint's own text starts with its address family).</summary>
internal static class EndPointText
{
    public static string Of(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
        _ => endPoint.ToString() ?? "",
    };
}
