using System.Collections.Immutable;
using System.Linq;
using CacheGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG0003: a [Cached]/[InvalidatesCache] method the generator cannot decorate, or a key part it cannot format.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NotDecoratableAnalyzer : AttributeRuleAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NotDecoratable);

    /// <inheritdoc/>
    protected override void AnalyzeMethod(SymbolAnalysisContext context, IMethodSymbol method, CacheGenSymbols symbols)
    {
        var attributes = method.GetAttributes().Where(symbols.IsDecorating).ToList();
        if (attributes.Count == 0)
        {
            return;
        }

        var cached = attributes.Any(symbols.IsCached);
        var reason = MethodProblem(method, cached, symbols);
        if (reason is not null)
        {
            var syntax = KeyTemplateBinding.SyntaxOf(attributes[0], context.CancellationToken);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotDecoratable, syntax?.GetLocation() ?? method.Locations[0], method.Name, reason));
            return;
        }

        // Key parts the generator cannot format (the placeholder binds, but to a type with no stable text).
        foreach (var attribute in attributes)
        {
            var template = KeyTemplateBinding.TemplateOf(attribute);
            if (!KeyTemplateSyntax.TryParse(template, out var placeholders, out _, out _))
            {
                continue;
            }

            foreach (var placeholder in placeholders)
            {
                var type = KeyTemplateBinding.Bind(method, placeholder.Path);
                if (type is not null && !KeyTemplateBinding.IsFormattable(type))
                {
                    var syntax = KeyTemplateBinding.SyntaxOf(attribute, context.CancellationToken);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.NotDecoratable,
                        KeyTemplateBinding.LocationIn(syntax, template!, placeholder.Start, placeholder.Length),
                        method.Name,
                        $"key part '{{{placeholder.Path}}}' is a '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}', which has no stable text form; use a number, string, Guid, date, enum or bool (or a member path to one, such as '{{{placeholder.Path}.Id}}')"));
                }
            }
        }
    }

    private static string? MethodProblem(IMethodSymbol method, bool cached, CacheGenSymbols symbols)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return "only ordinary methods can be decorated";
        }

        if (method.IsStatic)
        {
            return "it is static; the decorator wraps an instance behind an interface";
        }

        if (method.IsGenericMethod)
        {
            return "it is generic; a cached method needs one result type";
        }

        var async = symbols.ResultType(method) is not null || method.ReturnType.Name is "Task" or "ValueTask";
        if (method.Parameters.Any(p => p.RefKind != RefKind.None && (cached || async)) || method.Parameters.Any(p => p.Type.IsRefLikeType))
        {
            return cached
                ? "it has a ref, out or in parameter (or a ref struct), which a cached call cannot replay"
                : "an asynchronous method cannot have ref, out or in parameters (or a ref struct) in its decorator";
        }

        var type = method.ContainingType;
        if (type.TypeKind != TypeKind.Class)
        {
            return $"'{type.Name}' is not a class";
        }

        if (type.IsStatic || type.IsAbstract)
        {
            return $"'{type.Name}' is {(type.IsStatic ? "static" : "abstract")}; decorate the concrete class that DI creates";
        }

        if (type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(m => m.Text == "file")))
        {
            return $"'{type.Name}' is file-local, so no generated file can name it";
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return $"'{current.Name}' is {current.DeclaredAccessibility.ToString().ToLowerInvariant()}; make it internal or public so the generated decorator can reach it";
            }

            if (!SymbolEqualityComparer.Default.Equals(current, type) && current.IsGenericType)
            {
                return $"'{type.Name}' is nested in the generic type '{current.Name}'";
            }
        }

        if (type.IsGenericType && type.ContainingType is not null)
        {
            return $"'{type.Name}' is a generic nested class";
        }

        // Only interface members of the method's name can be implemented by it (an explicit implementation says which it implements).
        var implementsSomething = method.ExplicitInterfaceImplementations.Length > 0
            || type.AllInterfaces.SelectMany(i => i.GetMembers(method.Name))
                .Any(m => !m.IsStatic && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), method));
        return implementsSomething
            ? null
            : $"it implements no interface member; declare it on an interface that '{type.Name}' implements and register the interface with AddCached";
    }
}
