using Microsoft.CodeAnalysis;

namespace CacheGen.Analyzers;

/// <summary>The descriptors of every rule. Severity states certainty: errors only for code that cannot work.</summary>
internal static class Descriptors
{
    /// <summary>Where each rule's page lives: <c>docs/diagnostics/&lt;id&gt;.md</c> in the repository.</summary>
    public const string HelpLinkBase = "https://github.com/cachegen/cachegen/blob/main/docs/diagnostics/";

    private const string Usage = "CacheGen.Usage";
    private const string Redis = "CacheGen.Redis";

    public static readonly DiagnosticDescriptor UnknownPlaceholder = Create(
        DiagnosticIds.UnknownPlaceholder,
        "Key template names no parameter or member",
        "Cache key template \"{0}\": {1}",
        Usage,
        DiagnosticSeverity.Error,
        "Every placeholder of a key template must name a parameter of the method, or a readable property or field path from one ('{product.Id}'); otherwise no key can be built and the method is not cached.");

    public static readonly DiagnosticDescriptor CachedReturnType = Create(
        DiagnosticIds.CachedReturnType,
        "[Cached] method must return Task<T> or ValueTask<T>",
        "[Cached] method '{0}' returns '{1}'; only Task<T> and ValueTask<T> results can be cached",
        Usage,
        DiagnosticSeverity.Error,
        "CacheGen caches the result of an asynchronous method. A method returning void, Task, ValueTask or a synchronous value has nothing it can cache, so it is left undecorated.");

    public static readonly DiagnosticDescriptor NotDecoratable = Create(
        DiagnosticIds.NotDecoratable,
        "Method cannot be decorated",
        "'{0}' cannot be decorated by CacheGen: {1}",
        Usage,
        DiagnosticSeverity.Error,
        "CacheGen writes a decorator that implements the class's interfaces, so a decorated method must be an instance method implementing an interface member, in a class the decorator can reach, with parameters it can forward and key values it can format.");

    public static readonly DiagnosticDescriptor ParameterNotInKey = Create(
        DiagnosticIds.ParameterNotInKey,
        "Parameter is not part of the cache key",
        "Parameter '{0}' is not in the cache key \"{1}\": calls that differ only in '{0}' share one cache entry",
        Usage,
        DiagnosticSeverity.Warning,
        "A parameter that is not in the key does not change which entry a call reads. If that is intended (a tracing id, a logger), mark it [NotCacheKey]; otherwise add it to the key.");

    public static readonly DiagnosticDescriptor InvalidNumbers = Create(
        DiagnosticIds.InvalidNumbers,
        "Cache setting out of range",
        "{0} = {1} is out of range: {2}",
        Usage,
        DiagnosticSeverity.Error,
        "TtlSeconds must be greater than 0, JitterPercent between 0 and 50, StaleSeconds and LocalTtlSeconds not negative. The runtime would reject these numbers, so the method is left uncached.");

    public static readonly DiagnosticDescriptor InvalidationMatchesNothing = Create(
        DiagnosticIds.InvalidationMatchesNothing,
        "[InvalidatesCache] key matches no [Cached] key",
        "[InvalidatesCache] key \"{0}\" has the shape '{1}', which no [Cached] key in this project has: it invalidates nothing",
        Usage,
        DiagnosticSeverity.Warning,
        "An invalidation key is compared with the [Cached] keys of the project by shape (literal text and placeholder positions). A typo such as 'orders:{id}' against 'order:{id}' invalidates nothing and leaves stale data.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidTag = Create(
        DiagnosticIds.InvalidTag,
        "Tag template names nothing",
        "Cache tag \"{0}\": {1}",
        Usage,
        DiagnosticSeverity.Error,
        "A tag template has the syntax of a key template. On [InvalidatesCacheTag] its placeholders name parameters of the method (or member paths from them); on [Cached] they must be placeholders of the key, because an entry's tags are rendered from its key. A tag that cannot be rendered leaves the method undecorated.");

    public static readonly DiagnosticDescriptor TagMatchesNothing = Create(
        DiagnosticIds.TagMatchesNothing,
        "[InvalidatesCacheTag] tag matches no [Cached] tag",
        "[InvalidatesCacheTag] tag \"{0}\" has the shape '{1}', which no [Cached] method in this project declares in its Tags: it invalidates nothing",
        Usage,
        DiagnosticSeverity.Warning,
        "An invalidated tag is compared with the tags declared by the [Cached] methods of the project by shape (literal text and placeholder positions). A tag no cached method declares invalidates nothing and leaves stale data.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor NotRoundTrippable = Create(
        DiagnosticIds.NotRoundTrippable,
        "Cached type cannot round-trip through the serializer",
        "'{0}' cannot be cached: {1}",
        Usage,
        DiagnosticSeverity.Warning,
        "A cached value is serialized to Redis and read back by other instances. Members System.Text.Json writes but cannot set back (non-public setters, get-only properties no constructor parameter sets), constructors it cannot use, values declared as object, interfaces or abstract types without polymorphism metadata, reflection types, delegates, cycles, IQueryable and streams do not survive that trip.");

    public static readonly DiagnosticDescriptor AddCachedNeedsInterface = Create(
        DiagnosticIds.AddCachedNeedsInterface,
        "AddCached needs an interface as its service type",
        "AddCached<{0}, {1}>: '{0}' is not an interface; CacheGen's decorator implements the interfaces of '{1}', so register AddCached<{2}, {1}>() and inject {2}",
        Usage,
        DiagnosticSeverity.Error,
        "The generated decorator wraps the class and implements its interfaces; callers must depend on one of them. AddCached with a class as the service type cannot work and throws when the application starts.");

    public static readonly DiagnosticDescriptor RegisteredWithoutAddCached = Create(
        DiagnosticIds.RegisteredWithoutAddCached,
        "Cached class registered without AddCached",
        "'{0}' has [Cached] or [InvalidatesCache] methods but {1} registers it directly: callers get the class itself, so nothing is cached and nothing invalidated. Register it with services.AddCached<{2}, {0}>().",
        Usage,
        DiagnosticSeverity.Warning,
        "The caching lives in the decorator CacheGen generates, which only AddCached puts between callers and the class. Registered with AddScoped, AddSingleton, AddTransient or a TryAdd method, the class is served undecorated: its attributes do nothing, without any error.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor KeysCommand = Create(
        DiagnosticIds.KeysCommand,
        "KEYS sent to Redis",
        "{0} sends KEYS to Redis, which walks the whole keyspace and blocks the server while it does",
        Redis,
        DiagnosticSeverity.Warning,
        "KEYS is O(N) over every key in the database and runs on Redis' single command thread: on a large instance it stops every other client. Keep a set of related keys, invalidate by key, or use SCAN in maintenance tooling.");

    public static readonly DiagnosticDescriptor KeyspaceScan = Create(
        DiagnosticIds.KeyspaceScan,
        "Whole-keyspace scan in application code",
        "'{0}' walks the whole keyspace; keep a set of related keys or invalidate by key",
        Redis,
        DiagnosticSeverity.Warning,
        "IServer.Keys/KeysAsync iterates every key of the server (with SCAN, or KEYS on old servers). Finding related keys this way on a request path costs time proportional to the whole database.");

    public static readonly DiagnosticDescriptor DeleteOnlyInvalidation = Create(
        DiagnosticIds.DeleteOnlyInvalidation,
        "Delete-only cache invalidation",
        "{0} after a database write only deletes the cached key: a reader that loaded the old row before the write can put it back, and other instances keep their in-process copies",
        Redis,
        DiagnosticSeverity.Warning,
        "Delete-on-write loses the stale-set race: a reader misses, reads the old row, the writer commits and deletes, the reader writes the old row back. Invalidate with a lease-aware delete and a broadcast (ICacheInvalidator.InvalidateAsync), or at least a delayed second delete and a publish.");

    public static readonly DiagnosticDescriptor TrivialLookupCached = Create(
        DiagnosticIds.TrivialLookupCached,
        "Trivial primary-key lookup is cached",
        "'{0}' caches a lookup by primary key ({1}): the database answers that from its index about as fast as Redis, and the cache only adds a hop and a way to be stale",
        Redis,
        DiagnosticSeverity.Warning,
        "Cache the expensive queries (aggregations, joins, reports). A single-row lookup by primary key is an index seek the database serves from memory; caching it adds a network hop, serialization and stale-data risk for little gain.");

    public static readonly DiagnosticDescriptor UnsafeLockRelease = Create(
        DiagnosticIds.UnsafeLockRelease,
        "Lock released by an unconditional delete",
        "This lock was taken with {0} but is released by deleting its key without checking the token: after it expires, this deletes the lock another caller holds",
        Redis,
        DiagnosticSeverity.Warning,
        "A lock with an expiry can expire while its holder still works; another caller then takes it, and the first holder's KeyDelete removes the second holder's lock. Release with LockRelease (or a compare-and-delete) so only the token's owner can delete it.");

    public static readonly DiagnosticDescriptor CacheWriteWithoutExpiry = Create(
        DiagnosticIds.CacheWriteWithoutExpiry,
        "Cache-aside write without expiry",
        "{0} writes a cached value with no expiry: if its invalidation is ever missed it stays forever, and keys of data that no longer exists are never reclaimed",
        Redis,
        DiagnosticSeverity.Warning,
        "A value written after a cache miss should expire, so a missed invalidation heals by itself and orphaned keys leave memory. Pass an expiry (with jitter) or use CacheGen's [Cached].");

    public static readonly DiagnosticDescriptor ConnectPerCall = Create(
        DiagnosticIds.ConnectPerCall,
        "ConnectionMultiplexer created per call",
        "ConnectionMultiplexer.{0} creates a connection that this method disposes: connect once and share the multiplexer (register it as a singleton)",
        Redis,
        DiagnosticSeverity.Warning,
        "A ConnectionMultiplexer is designed to be created once and shared: connecting costs round trips, sockets and threads, and a connection per request exhausts both the client and the server.");

    public static readonly DiagnosticDescriptor BrowserMaxAge = Create(
        DiagnosticIds.BrowserMaxAge,
        "Browser max-age on data CacheGen invalidates",
        "{0} lets browsers keep this response for {1} s, and no invalidation can reach a browser's copy: use a shared lifetime (s-maxage, [HttpCache(SharedMaxAge = …)] or .CacheAtEdge(…)) with max-age=0, and purge the CDN",
        Redis,
        DiagnosticSeverity.Warning,
        "This project invalidates cached data with CacheGen, so the data can change at any moment. A browser copy (max-age on a response that is not private) is served until it expires whatever the server invalidates; a CDN copy (s-maxage) can be purged. Keep max-age at 0 and let the CDN hold the response.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor LongSharedLifetime = Create(
        DiagnosticIds.LongSharedLifetime,
        "Long CDN lifetime without a purger",
        "{0} lets shared caches keep this response for {1} s, and this project configures no CDN purger: keep CDN lifetimes to minutes, or purge on invalidation (AddVarnishPurger, AddFastlyPurger, AddCloudflarePurger, AddCdnPurger)",
        Redis,
        DiagnosticSeverity.Warning,
        "A CDN serves its copy until the shared lifetime ends. Without a purge on invalidation, an hour of s-maxage is an hour of stale data after every write. Short lifetimes bound it; a purger removes it.",
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkBase + id + ".md", customTags: tags);
}
