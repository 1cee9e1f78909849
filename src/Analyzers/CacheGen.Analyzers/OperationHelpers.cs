using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers;

/// <summary>Small questions the Redis rules ask of operations.</summary>
internal static class OperationHelpers
{
    /// <summary>The argument bound to the parameter named <paramref name="name"/> (explicit or defaulted).</summary>
    public static IArgumentOperation? Argument(this IInvocationOperation invocation, string name) =>
        invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);

    /// <summary>The value passed for a parameter, skipping the implicit conversions the compiler adds.</summary>
    public static IOperation? ValueOf(this IInvocationOperation invocation, string name) =>
        invocation.Argument(name)?.Value.WithoutConversions();

    public static IOperation WithoutConversions(this IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>
    /// The text a string expression holds when it can be read from the source: a constant; a readonly field initialized
    /// with literals (joined with <c>+</c>); a local initialized once with such a value. Null otherwise.
    /// </summary>
    public static string? StringValue(IOperation value, CancellationToken cancellationToken)
    {
        value = value.WithoutConversions();
        if (value.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        switch (value)
        {
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                return field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    ? Literal(initializer)
                    : null;
            case ILocalReferenceOperation { Local: var local }:
                return SingleInitializer(value, local) is { } initial and not ILocalReferenceOperation ? StringValue(initial, cancellationToken) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The value a local is initialized with (conversions skipped), when it is never assigned again in the code that
    /// contains <paramref name="within"/>: then that is the value every use of it sees.
    /// </summary>
    public static IOperation? SingleInitializer(IOperation within, ILocalSymbol local)
    {
        var root = Root(within);
        var assigned = root.Descendants().OfType<ISimpleAssignmentOperation>().Any(a => a.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local));
        return assigned
            ? null
            : root.Descendants().OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))?.Initializer?.Value.WithoutConversions();
    }

    /// <summary>The outermost operation of the tree <paramref name="operation"/> belongs to (a member's whole body).</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    // "a" + @"b" + """c""": the text of string literals joined with +.
    private static string? Literal(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.Token.Value is string text => text,
        BinaryExpressionSyntax { OperatorToken.ValueText: "+" } binary when Literal(binary.Left) is { } left && Literal(binary.Right) is { } right => left + right,
        ParenthesizedExpressionSyntax parenthesized => Literal(parenthesized.Expression),
        _ => null,
    };

    /// <summary>Whether two key expressions denote the same key: the same local, parameter or field, the same constant, or the same text.</summary>
    public static bool SameKey(IOperation? left, IOperation? right)
    {
        if (left is null || right is null)
        {
            return false;
        }

        left = left.WithoutConversions();
        right = right.WithoutConversions();
        if (Referenced(left) is { } a && Referenced(right) is { } b)
        {
            return SymbolEqualityComparer.Default.Equals(a, b);
        }

        if (left.ConstantValue.HasValue && right.ConstantValue.HasValue)
        {
            return Equals(left.ConstantValue.Value, right.ConstantValue.Value);
        }

        return left.Syntax.IsEquivalentTo(right.Syntax, topLevel: false);
    }

    private static ISymbol? Referenced(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };

    /// <summary>
    /// The method a call names: its target when bound; when the compiler could not bind it (an argument of a type the
    /// compilation does not see, code being typed), the candidate, if every candidate is an overload of that one method.
    /// </summary>
    public static IMethodSymbol? CalledMethod(IOperation operation, CancellationToken cancellationToken)
    {
        return CalledMethod(operation, null, cancellationToken);
    }

    /// <summary>
    /// <see cref="CalledMethod(IOperation, CancellationToken)"/> for calls named one of <paramref name="names"/> only: the
    /// name written in the source is checked first, so that calls the compiler could not bind cost nothing unless they
    /// might be the one asked for.
    /// </summary>
    public static IMethodSymbol? CalledMethod(IOperation operation, string[]? names, CancellationToken cancellationToken)
    {
        if (names is not null && System.Array.IndexOf(names, CalledName(operation)) < 0)
        {
            return null;
        }

        if (operation is IInvocationOperation invocation)
        {
            return invocation.TargetMethod;
        }

        return operation.Syntax is InvocationExpressionSyntax
            && operation.SemanticModel?.GetSymbolInfo(operation.Syntax, cancellationToken) is { Symbol: null, CandidateSymbols: { Length: > 0 } candidates }
            && candidates[0] is IMethodSymbol first
            && candidates.All(c => c is IMethodSymbol m && m.Name == first.Name && SymbolEqualityComparer.Default.Equals(m.ContainingType, first.ContainingType))
                ? first
                : null;
    }

    /// <summary>Declared in this compilation's source (a method, or a member of a source interface or abstract class).</summary>
    public static bool FromThisCompilation(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Length > 0 || method.ContainingType?.DeclaringSyntaxReferences.Length > 0;

    /// <summary>The name of the method a call names: its target's when bound, else the name written in the source.</summary>
    public static string? CalledName(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.Name,
        { Syntax: InvocationExpressionSyntax call } => WrittenName(call),
        _ => null,
    };

    /// <summary>The name a call is written with (<c>x.Name(…)</c>, <c>x?.Name(…)</c>, <c>Name&lt;T&gt;(…)</c>), from syntax alone.</summary>
    public static string? WrittenName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The text of a <c>.lua</c> file among the AdditionalFiles, or null for any other file.</summary>
    public static Microsoft.CodeAnalysis.Text.SourceText? LuaScript(AdditionalText file, CancellationToken cancellationToken) =>
        file.Path.EndsWith(".lua", System.StringComparison.OrdinalIgnoreCase) ? file.GetText(cancellationToken) : null;

    /// <summary>Where a regular-expression match in an additional file's text is, for a diagnostic in that file.</summary>
    public static Location LocationIn(AdditionalText file, Microsoft.CodeAnalysis.Text.SourceText text, System.Text.RegularExpressions.Match match)
    {
        var span = new Microsoft.CodeAnalysis.Text.TextSpan(match.Index, match.Length);
        return Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
    }

    /// <summary>Where a call's method name is written (<c>Keys</c> in <c>server.Keys(…)</c>), or the whole call.</summary>
    public static Location NameLocation(SyntaxNode call) =>
        call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { } name } } ? name.GetLocation() : call.GetLocation();

    /// <summary>Every type an assembly declares, nested types included.</summary>
    public static IEnumerable<INamedTypeSymbol> DeclaredTypes(IAssemblySymbol assembly)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(assembly.GlobalNamespace);
        while (stack.Count > 0)
        {
            // A type's own members are not asked for (creating them is the cost), only its nested types.
            var container = stack.Pop();
            foreach (var member in container is INamespaceSymbol ns ? ns.GetMembers() : (IEnumerable<INamespaceOrTypeSymbol>)container.GetTypeMembers())
            {
                if (member is INamedTypeSymbol type)
                {
                    yield return type;
                }

                stack.Push(member);
            }
        }
    }

    /// <summary>Every invocation in the body that contains <paramref name="operation"/> (the method, lambda or local function).</summary>
    public static IEnumerable<IInvocationOperation> InvocationsInSameBody(IOperation operation) =>
        BodyOf(operation).DescendantsAndSelf().OfType<IInvocationOperation>();

    /// <summary>
    /// Every call in the body that contains <paramref name="operation"/> with the method it names: bound calls, and calls
    /// the compiler could not bind whose candidates are overloads of one method (see <see cref="CalledMethod"/>).
    /// </summary>
    public static IEnumerable<(IOperation Operation, IMethodSymbol Method)> CallsInSameBody(IOperation operation, CancellationToken cancellationToken)
    {
        foreach (var candidate in BodyOf(operation).DescendantsAndSelf())
        {
            if (candidate is IInvocationOperation invocation)
            {
                yield return (invocation, invocation.TargetMethod);
            }
            else if (candidate is IInvalidOperation && candidate.Syntax is InvocationExpressionSyntax && CalledMethod(candidate, cancellationToken) is { } method)
            {
                yield return (candidate, method);
            }
        }
    }

    /// <summary>The span of the body (method, lambda or local function) that contains <paramref name="operation"/>.</summary>
    public static Microsoft.CodeAnalysis.Text.TextSpan BodySpan(IOperation operation) => BodyOf(operation).Syntax.Span;

    private static IOperation BodyOf(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null && root is not IMethodBodyBaseOperation && root is not IAnonymousFunctionOperation && root is not ILocalFunctionOperation)
        {
            root = root.Parent;
        }

        return root;
    }
}
