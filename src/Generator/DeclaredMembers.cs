using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CacheGen.Generator;

/// <summary>
/// The type of a key placeholder's member (<c>{report.Year}</c>) read from the declaring syntax of a source type, so that the
/// type's member table is not built: for a record that means synthesizing all its members (equality, printing, clone,
/// deconstruction), which was about a sixth of a generator run on the 500-class benchmark. Returns null whenever the
/// syntax does not settle the question; <see cref="KeyPartTypes.FindMember"/> then decides.
/// </summary>
internal static class DeclaredMembers
{
    public static ITypeSymbol? FindMember(ITypeSymbol type, string name, Compilation compilation)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsGenericType: false, DeclaringSyntaxReferences.Length: 1 } named
            || named.BaseType is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType) }
            || named.DeclaringSyntaxReferences[0].GetSyntax() is not TypeDeclarationSyntax declaration)
        {
            return null;
        }

        TypeSyntax? found = null;
        foreach (var member in declaration.Members)
        {
            switch (member)
            {
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    if (found is not null || !IsReadableInstanceProperty(property))
                    {
                        return null;
                    }

                    found = property.Type;
                    break;
                case FieldDeclarationSyntax field when field.Declaration.Variables.Any(v => v.Identifier.ValueText == name):
                    if (found is not null || !IsAccessibleInstance(field.Modifiers) || field.Modifiers.Any(SyntaxKind.ConstKeyword))
                    {
                        return null;
                    }

                    found = field.Declaration.Type;
                    break;
                case BaseTypeDeclarationSyntax nested when nested.Identifier.ValueText == name:
                    return null;
                case MethodDeclarationSyntax method when method.Identifier.ValueText == name:
                    return null;
                case EventFieldDeclarationSyntax events when events.Declaration.Variables.Any(v => v.Identifier.ValueText == name):
                    return null;
                case EventDeclarationSyntax @event when @event.Identifier.ValueText == name:
                    return null;
                case DelegateDeclarationSyntax @delegate when @delegate.Identifier.ValueText == name:
                    return null;
            }
        }

        // A positional record's parameter becomes a public get/init property, unless the body declares that member.
        if (found is null && declaration is RecordDeclarationSyntax { ParameterList: { } parameters })
        {
            found = parameters.Parameters.FirstOrDefault(p => p.Identifier.ValueText == name)?.Type;
        }

        if (found is null)
        {
            return null;
        }

        // Bound as a type where it is written (nested types and usings in scope); no member of the type is needed for that.
        var model = compilation.GetSemanticModel(declaration.SyntaxTree);
        var bound = model.GetSpeculativeTypeInfo(found.SpanStart, found, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        if (bound is null or IErrorTypeSymbol)
        {
            return null;
        }

        // Speculative binding leaves the top-level annotation oblivious: restore it as the declaration states it (the
        // parser decides on '?.' from it; nested annotations do not matter to a key part).
        var annotation = found is NullableTypeSyntax
            ? NullableAnnotation.Annotated
            : bound.IsValueType || (model.GetNullableContext(found.SpanStart) & NullableContext.AnnotationsEnabled) != 0
                ? NullableAnnotation.NotAnnotated
                : NullableAnnotation.None;
        return bound.WithNullableAnnotation(annotation);
    }

    private static bool IsReadableInstanceProperty(PropertyDeclarationSyntax property)
    {
        if (!IsAccessibleInstance(property.Modifiers) || property.ExplicitInterfaceSpecifier is not null)
        {
            return false;
        }

        if (property.ExpressionBody is not null)
        {
            return true;
        }

        var getter = property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
        return getter is not null && !getter.Modifiers.Any(m => m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword));
    }

    // Public, internal or protected internal, and not static (a member without an accessibility modifier is private).
    private static bool IsAccessibleInstance(SyntaxTokenList modifiers) =>
        !modifiers.Any(SyntaxKind.StaticKeyword)
        && (modifiers.Any(SyntaxKind.PublicKeyword)
            || (modifiers.Any(SyntaxKind.InternalKeyword) && !modifiers.Any(SyntaxKind.PrivateKeyword)));
}
