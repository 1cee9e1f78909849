using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CacheGen.AspNetCore;

/// <summary>
/// Purges responses from a CDN by surrogate key (<see cref="SurrogateKeys"/>). CacheGen calls it from a background queue
/// after each invalidation has reached Redis and every instance: batched, retried with back-off while the CDN fails, never
/// on the write's path.
/// </summary>
public interface ICdnPurger
{
    /// <summary>The most surrogate keys one purge request may name (the CDN's limit).</summary>
    int MaxKeysPerRequest { get; }

    /// <summary>Purges every response that carries any of <paramref name="surrogateKeys"/>.</summary>
    /// <exception cref="CdnPurgeException">The CDN refused or failed; <see cref="CdnPurgeException.Retryable"/> says whether to try again.</exception>
    Task PurgeAsync(IReadOnlyList<string> surrogateKeys, CancellationToken cancellationToken);
}

/// <summary>A purge the CDN did not carry out.</summary>
public sealed class CdnPurgeException : System.Exception
{
    /// <summary>Creates the exception.</summary>
    public CdnPurgeException(string message, bool retryable, System.Exception? inner = null)
        : base(message, inner) => Retryable = retryable;

    /// <summary>Creates the exception (retryable).</summary>
    public CdnPurgeException()
        : this("The CDN did not carry out the purge.", retryable: true)
    {
    }

    /// <summary>Creates the exception (retryable).</summary>
    public CdnPurgeException(string message)
        : this(message, retryable: true)
    {
    }

    /// <summary>Creates the exception (retryable).</summary>
    public CdnPurgeException(string message, System.Exception inner)
        : this(message, retryable: true, inner)
    {
    }

    /// <summary>
    /// Whether trying again may succeed: a timeout, a refused connection, 429 or a 5xx. A refusal that will not change
    /// (401, 403, 400) is not retried: the keys are dropped and counted, and the error is logged.
    /// </summary>
    public bool Retryable { get; }
}
