using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CacheGen.Generator.Benchmarks;

/// <summary>
/// CacheGen's pipeline up to its models: both attributes discovered and every decorated class parsed into its
/// <see cref="Model.DecoratorSpec"/>, with no text emitted. The difference to a full run is the emitter and the driver's
/// handling of the output.
/// </summary>
#pragma warning disable RS1036, RS1041 // a measuring stick for benchmarks, never shipped
[Generator]
public sealed class ModelsOnlyGenerator : IIncrementalGenerator
#pragma warning restore RS1036, RS1041
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var cached = context.SyntaxProvider.ForAttributeWithMetadataName(CachedDecoratorGenerator.CachedAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => Parser.Parse(ctx, ct));
        var invalidating = context.SyntaxProvider.ForAttributeWithMetadataName(CachedDecoratorGenerator.InvalidatesCacheAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => Parser.Parse(ctx, ct));
        context.RegisterSourceOutput(cached.Collect().Combine(invalidating.Collect()), static (_, _) => { });
    }
}
