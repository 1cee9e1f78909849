using CacheGen.Generator.Helpers;

namespace CacheGen.Generator.Model;

internal enum MemberKind
{
    Method,
    Property,
    Indexer,
    Event,
}

/// <summary>How a method returns, which decides how a decorator awaits it.</summary>
internal enum ReturnShape
{
    Void,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
    Other,
}

/// <summary>One interface member, implemented explicitly by the decorator.</summary>
/// <param name="Kind">Method, property, indexer or event.</param>
/// <param name="Interface">The declaring interface, fully qualified.</param>
/// <param name="Name">The member name as it must be written (keywords escaped).</param>
/// <param name="Type">The return, property or event type, fully qualified with nullable annotations.</param>
/// <param name="RefKind">"ref ", "ref readonly " or "" for the return.</param>
/// <param name="TypeParameters">"&lt;T&gt;" or "".</param>
/// <param name="Constraints">Constraint clauses allowed on explicit implementations (" where T : class") or "".</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="HasGetter">A property or indexer getter.</param>
/// <param name="HasSetter">A property or indexer setter.</param>
/// <param name="Shape">How a method returns.</param>
/// <param name="ResultType">T of Task&lt;T&gt; or ValueTask&lt;T&gt;, or of a synchronous method; null otherwise.</param>
/// <param name="Cached">The caching of a [Cached] method, or null.</param>
/// <param name="Invalidations">The keys an [InvalidatesCache] method invalidates and the tags an [InvalidatesCacheTag] method invalidates, in declaration order.</param>
/// <param name="FieldStem">A unique identifier stem for this member's fields.</param>
internal sealed record MemberSpec(
    MemberKind Kind,
    string Interface,
    string Name,
    string Type,
    string RefKind,
    string TypeParameters,
    string Constraints,
    EquatableArray<ParameterSpec> Parameters,
    bool HasGetter,
    bool HasSetter,
    ReturnShape Shape,
    string? ResultType,
    CachedSpec? Cached,
    EquatableArray<KeySpec> Invalidations,
    string FieldStem);

/// <summary>A parameter.</summary>
/// <param name="Name">The name as written (keywords escaped).</param>
/// <param name="Type">Fully qualified type with nullable annotations.</param>
/// <param name="Modifier">"ref ", "out ", "in ", "params " or "".</param>
/// <param name="IsCancellationToken">A <c>CancellationToken</c>: passed through, never part of a key.</param>
internal sealed record ParameterSpec(string Name, string Type, string Modifier, bool IsCancellationToken);

/// <summary>The caching of one [Cached] method.</summary>
/// <param name="Template">The key template.</param>
/// <param name="TtlSeconds">TtlSeconds.</param>
/// <param name="JitterPercent">JitterPercent.</param>
/// <param name="StaleSeconds">StaleSeconds.</param>
/// <param name="LocalTtlSeconds">LocalTtlSeconds.</param>
/// <param name="Key">The key's parts.</param>
/// <param name="Tags">The tag templates, each placeholder of which is a placeholder of the key.</param>
/// <param name="ExplicitSettings">The lifetime settings the attribute names (the others follow configuration's defaults).</param>
internal sealed record CachedSpec(string Template, int TtlSeconds, int JitterPercent, int StaleSeconds, int LocalTtlSeconds, KeySpec Key, EquatableArray<KeySpec> Tags, EquatableArray<string> ExplicitSettings);

/// <summary>A key (or tag) template bound to a method's parameters.</summary>
/// <param name="Template">The template text.</param>
/// <param name="Parts">One part per placeholder, in order.</param>
/// <param name="IsTag">A tag (of [InvalidatesCacheTag]) rather than a key.</param>
internal sealed record KeySpec(string Template, EquatableArray<KeyPartSpec> Parts, bool IsTag = false);

/// <summary>One placeholder bound to a parameter or a member path.</summary>
/// <param name="Placeholder">The placeholder text, for comments.</param>
/// <param name="Expression">The null-safe value expression, for example <c>product?.LastSoldYear</c>.</param>
/// <param name="Type">The expression's type, fully qualified, nullable where the expression can be null.</param>
/// <param name="FormatCast">A cast applied before formatting (an enum's underlying type), or "".</param>
/// <param name="ExactIdentity">
/// Whether the type's equality is coarser than its key text (decimal, double, float, DateTime, DateTimeOffset): the L1
/// key then holds it wrapped in <c>CacheKeyPart&lt;T&gt;</c>, so arguments share an L1 entry only if they share a key.
/// </param>
internal sealed record KeyPartSpec(string Placeholder, string Expression, string Type, string FormatCast, bool ExactIdentity);
