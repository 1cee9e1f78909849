using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CacheGen.Generator.Benchmarks;

/// <summary>
/// The floor of any decorator generator: both attributes discovered as CacheGen's are, and for each class the signatures
/// of its interfaces' members bound and displayed (a decorator must declare every one of them). No model, no output.
/// </summary>
#pragma warning disable RS1036, RS1041 // a measuring stick for benchmarks, never shipped
[Generator]
public sealed class SignatureFloorGenerator : IIncrementalGenerator
#pragma warning restore RS1036, RS1041
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var cached = context.SyntaxProvider.ForAttributeWithMetadataName("CacheGen.CachedAttribute", static (node, _) => node is MethodDeclarationSyntax, static (ctx, _) => Signatures(ctx));
        var invalidating = context.SyntaxProvider.ForAttributeWithMetadataName("CacheGen.InvalidatesCacheAttribute", static (node, _) => node is MethodDeclarationSyntax, static (ctx, _) => Signatures(ctx));
        context.RegisterSourceOutput(cached.Collect().Combine(invalidating.Collect()), static (_, _) => { });
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISymbol, object> Seen = new();

    private static int Signatures(GeneratorAttributeSyntaxContext context)
    {
        var type = context.TargetSymbol.ContainingType;
        if (Seen.TryGetValue(type, out _))
        {
            return 0;
        }

        Seen.Add(type, type);
        var length = 0;
        foreach (var @interface in type.AllInterfaces)
        {
            length += @interface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Length;
            foreach (var member in @interface.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol method:
                        length += method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Length;
                        foreach (var parameter in method.Parameters)
                        {
                            length += parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Length;
                        }

                        break;
                    case IPropertySymbol property:
                        length += property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Length;
                        break;
                }
            }
        }

        return length;
    }
}
