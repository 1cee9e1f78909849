using System.Collections.Immutable;
using System.Linq;
using CacheGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CacheGen.Analyzers;

/// <summary>How the analyzers read a CacheGen attribute: its template, where it is written, and what a placeholder binds to.</summary>
internal static class KeyTemplateBinding
{
    /// <summary>The first constructor argument when it is a string; null otherwise (an array argument has no Value).</summary>
    public static string? TemplateOf(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array
            ? attribute.ConstructorArguments[0].Value as string
            : null;

    public static AttributeSyntax? SyntaxOf(AttributeData attribute, System.Threading.CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

    /// <summary>Where a method's return type is written (its declaration's name when there is no return type syntax).</summary>
    public static Location ReturnTypeLocation(IMethodSymbol method, System.Threading.CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
            ? declaration.ReturnType.GetLocation()
            : method.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>The template argument's expression (the string literal, or the constant it names).</summary>
    public static ExpressionSyntax? TemplateExpression(AttributeSyntax? syntax) =>
        syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null && (a.NameColon is null || a.NameColon.Name.Identifier.ValueText is "key" or "tag"))?.Expression;

    /// <summary>
    /// The tag templates of a [Cached] attribute's <c>Tags</c>, in order (an element that is not a constant string is
    /// null), or null when it has none.
    /// </summary>
    public static ImmutableArray<string?>? TagsOf(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Tags" && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
            {
                return argument.Value.Values.Select(v => v.Value as string).ToImmutableArray();
            }
        }

        return null;
    }

    /// <summary>The expression of element <paramref name="index"/> of a [Cached] attribute's <c>Tags</c> array, when it can be found.</summary>
    public static ExpressionSyntax? TagExpression(AttributeSyntax? syntax, int index)
    {
        var tags = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Tags")?.Expression;
        var elements = tags switch
        {
            CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.ToList(),
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.ToList(),
            _ => null,
        };
        return elements is not null && index < elements.Count ? elements[index] : tags;
    }

    /// <summary>
    /// The location of characters [start, start+length) of the template: inside the string literal when the template is
    /// a plain literal with no escapes, else the whole template argument.
    /// </summary>
    public static Location LocationIn(AttributeSyntax? syntax, string template, int start, int length) =>
        LocationIn(TemplateExpression(syntax), syntax, template, start, length);

    /// <summary>As <see cref="LocationIn(AttributeSyntax?, string, int, int)"/>, for a template written at <paramref name="expression"/>.</summary>
    public static Location LocationIn(ExpressionSyntax? expression, AttributeSyntax? syntax, string template, int start, int length)
    {
        if (expression is LiteralExpressionSyntax { Token: var token } literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            && token.Text.Length == template.Length + 2 && token.Text[0] == '"')
        {
            return Location.Create(literal.SyntaxTree, new TextSpan(token.SpanStart + 1 + start, length));
        }

        return expression?.GetLocation() ?? syntax?.GetLocation() ?? Location.None;
    }

    /// <summary>The type a placeholder path binds to on a method's parameters, or null when it names nothing.</summary>
    public static ITypeSymbol? Bind(IMethodSymbol method, string path)
    {
        var segments = path.Split('.');
        var first = segments[0].TrimStart('@');
        var parameter = method.Parameters.FirstOrDefault(p => p.Name == first);
        if (parameter is null)
        {
            return null;
        }

        ITypeSymbol current = parameter.Type;
        for (var i = 1; i < segments.Length; i++)
        {
            KeyPartTypes.IsNullableValue(current, out current);
            var next = KeyPartTypes.FindMember(current, segments[i]);
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Whether the generator can format a value of this type into a key (CacheKeyFormat has an overload).</summary>
    public static bool IsFormattable(ITypeSymbol type) =>
        KeyPartTypes.IsFormattable(KeyPartTypes.IsNullableValue(type, out var underlying) ? underlying : type, out _);

}
