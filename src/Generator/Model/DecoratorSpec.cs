using CacheGen.Generator.Helpers;

namespace CacheGen.Generator.Model;

/// <summary>Everything the emitter needs to write one decorator: strings, numbers and equatable arrays only.</summary>
/// <param name="HintName">The generated file's name, derived from the implementation's full name.</param>
/// <param name="Namespace">The implementation's namespace, or null for the global namespace.</param>
/// <param name="DecoratorName">The decorator's type name.</param>
/// <param name="TypeParameters">"&lt;TDb&gt;" for a generic implementation class, else "".</param>
/// <param name="Constraints">The type parameters' constraint clauses, else "".</param>
/// <param name="ImplementationType">The implementation's fully qualified name (<c>global::…</c>).</param>
/// <param name="ImplementationCref">The implementation's name as a documentation reference.</param>
/// <param name="Interfaces">The interfaces the decorator implements, fully qualified, in ordinal order.</param>
/// <param name="Members">Every member of those interfaces, in order.</param>
/// <param name="JsonContracts">JSON contracts of the cached types and the types they reach (<see cref="Generator.JsonContracts"/>).</param>
internal sealed record DecoratorSpec(
    string HintName,
    string? Namespace,
    string DecoratorName,
    string TypeParameters,
    string Constraints,
    string ImplementationType,
    string ImplementationCref,
    EquatableArray<string> Interfaces,
    EquatableArray<MemberSpec> Members,
    EquatableArray<JsonContractSpec> JsonContracts);

/// <summary>The JSON contract of one type: the body of the method that creates its <c>JsonTypeInfo</c> from <c>options</c>.</summary>
/// <param name="Type">The type, fully qualified.</param>
/// <param name="Body">The statements, ending with a <c>return</c>.</param>
internal sealed record JsonContractSpec(string Type, string Body);

/// <summary>
/// A closed generic implementation registered with <c>AddCached&lt;TService, TImplementation&gt;</c> in this project: its
/// decorator is registered by name, since a module initializer cannot know the type arguments of a generic class.
/// </summary>
/// <param name="Service">The service type, fully qualified.</param>
/// <param name="Implementation">The closed implementation type, fully qualified.</param>
/// <param name="Decorator">The closed decorator type, fully qualified.</param>
internal sealed record ClosedGenericRegistration(string Service, string Implementation, string Decorator);
