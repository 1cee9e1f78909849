using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CacheGen.Generator.Benchmarks;

/// <summary>
/// The floor of any attribute-driven generator: Roslyn's <c>ForAttributeWithMetadataName</c> finding the same
/// methods and binding their attributes, with no model and no output. Benchmarked beside CacheGen's generator.
/// </summary>
#pragma warning disable RS1036, RS1041 // a measuring stick for benchmarks, never shipped
[Generator]
public sealed class AttributeDiscoveryOnlyGenerator : IIncrementalGenerator
#pragma warning restore RS1036, RS1041
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider.ForAttributeWithMetadataName(
            "CacheGen.CachedAttribute",
            static (node, _) => node is MethodDeclarationSyntax,
            static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(methods.Collect(), static (_, _) => { });
    }
}
