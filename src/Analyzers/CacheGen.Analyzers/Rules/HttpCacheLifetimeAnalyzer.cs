using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG1008: a browser <c>max-age</c> on a public response in a project that invalidates with CacheGen. CG1009: a shared
/// (CDN) lifetime of an hour or more in a project that configures no CDN purger. Both read what is written by hand —
/// <c>Cache-Control</c> header literals, <c>[ResponseCache]</c>, <c>CacheControlHeaderValue</c> — and CacheGen's own
/// <c>[HttpCache]</c> and <c>CacheAtEdge</c>, and decide at the end of the compilation, when its invalidations and
/// purgers are known.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HttpCacheLifetimeAnalyzer : DiagnosticAnalyzer
{
    private const int Hour = 3600;

    private static readonly string[] HeaderCalls = ["Append", "Add", "TryAdd", "Set", "AppendCommaSeparatedValues"];
    private static readonly string[] PurgerCalls = ["AddCdnPurger", "AddVarnishPurger", "AddFastlyPurger", "AddCloudflarePurger"];
    private static readonly string[] InvalidationCalls = ["InvalidateAsync", "InvalidateTagAsync", "Invalidate", "InvalidateTag"];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.BrowserMaxAge, Descriptors.LongSharedLifetime);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var responseCache = KnownTypes.Find(compilation, "Microsoft.AspNetCore.Mvc.ResponseCacheAttribute", "Microsoft.AspNetCore.Mvc.Core");
            var headerValue = KnownTypes.Find(compilation, "Microsoft.Net.Http.Headers.CacheControlHeaderValue", "Microsoft.Net.Http.Headers");
            var httpCache = KnownTypes.Find(compilation, "CacheGen.AspNetCore.HttpCacheAttribute", "CacheGen.AspNetCore");
            var purgerInterface = KnownTypes.Find(compilation, "CacheGen.AspNetCore.ICdnPurger", "CacheGen.AspNetCore");
            var headers = KnownTypes.Find(compilation, "Microsoft.AspNetCore.Http.IHeaderDictionary", "Microsoft.AspNetCore.Http.Features", "Microsoft.AspNetCore.Http.Abstractions");
            if (responseCache is null && headerValue is null && httpCache is null && headers is null)
            {
                return; // not an ASP.NET Core project
            }

            var symbols = CacheGenSymbols.For(compilation);
            var invalidates = symbols is null ? 0 : -1; // -1: not known yet; 0: no; 1: yes
            var purges = 0;
            var sites = new ConcurrentBag<(Location Location, string What, int? BrowserSeconds, int? SharedSeconds)>();

            start.RegisterSymbolAction(c =>
            {
                foreach (var attribute in c.Symbol.GetAttributes())
                {
                    if (symbols is not null && (symbols.IsInvalidatesCache(attribute) || symbols.IsInvalidatesCacheTag(attribute)))
                    {
                        System.Threading.Interlocked.Exchange(ref invalidates, 1);
                    }
                    else if (responseCache is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, responseCache))
                    {
                        // [ResponseCache(Duration = n)] writes "public,max-age=n" unless Location is Client (private) or None, or NoStore.
                        var duration = Named<int>(attribute, "Duration");
                        var location = Named<int>(attribute, "Location"); // Any = 0, Client = 1, None = 2
                        if (duration > 0 && location == 0 && !Named<bool>(attribute, "NoStore"))
                        {
                            sites.Add((LocationOf(attribute, c.Symbol), "[ResponseCache(Duration = …)]", duration, duration));
                        }
                    }
                    else if (httpCache is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, httpCache))
                    {
                        var maxAge = Named<int>(attribute, "MaxAge");
                        var shared = Named<int>(attribute, "SharedMaxAge");
                        sites.Add((LocationOf(attribute, c.Symbol), "[HttpCache]", maxAge > 0 ? maxAge : null, shared));
                    }
                }

                if (purgerInterface is not null && c.Symbol is INamedTypeSymbol type && type.AllInterfaces.Contains(purgerInterface, SymbolEqualityComparer.Default))
                {
                    System.Threading.Interlocked.Exchange(ref purges, 1);
                }
            }, SymbolKind.Method, SymbolKind.NamedType);

            start.RegisterOperationAction(c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                var name = invocation.TargetMethod.Name;
                if (PurgerCalls.Contains(name) && invocation.TargetMethod.ContainingAssembly?.Name == "CacheGen.AspNetCore")
                {
                    System.Threading.Interlocked.Exchange(ref purges, 1);
                }
                else if (InvalidationCalls.Contains(name) && invocation.TargetMethod.ContainingNamespace?.ToDisplayString() == "CacheGen")
                {
                    System.Threading.Interlocked.Exchange(ref invalidates, 1);
                }
                else if (name == "CacheAtEdge" && invocation.TargetMethod.ContainingAssembly?.Name == "CacheGen.AspNetCore")
                {
                    var shared = Seconds(Argument(invocation, "sharedMaxAge"));
                    var browser = Seconds(Argument(invocation, "maxAge"));
                    var location = invocation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member } syntax
                        ? Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(member.Name.SpanStart, syntax.Span.End))
                        : invocation.Syntax.GetLocation();
                    sites.Add((location, "CacheAtEdge", browser > 0 ? browser : null, shared));
                }
                else if (HeaderCalls.Contains(name))
                {
                    // headers.Append("Cache-Control", value), also as an extension method (the dictionary is then argument 0).
                    for (var i = 0; i + 1 < invocation.Arguments.Length; i++)
                    {
                        if (IsCacheControlName(invocation.Arguments[i].Value))
                        {
                            if (Unwrap(invocation.Arguments[i + 1].Value).ConstantValue is { HasValue: true, Value: string header })
                            {
                                AddHeader(invocation.Arguments[i + 1].Value.Syntax.GetLocation(), header);
                            }

                            break;
                        }
                    }
                }
            }, OperationKind.Invocation);

            start.RegisterOperationAction(c =>
            {
                var assignment = (ISimpleAssignmentOperation)c.Operation;
                var isCacheControl = assignment.Target switch
                {
                    IPropertyReferenceOperation { Property.Name: "CacheControl", Property.IsIndexer: false } property
                        => property.Property.Type.Name is "StringValues" or "String",
                    IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                        => IsCacheControlName(indexer.Arguments[0].Value),
                    _ => false,
                };
                if (isCacheControl && Unwrap(assignment.Value).ConstantValue is { HasValue: true, Value: string header })
                {
                    AddHeader(assignment.Value.Syntax.GetLocation(), header);
                }
            }, OperationKind.SimpleAssignment);

            if (headerValue is not null)
            {
                start.RegisterOperationAction(c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (!SymbolEqualityComparer.Default.Equals(creation.Type, headerValue) || creation.Initializer is null)
                    {
                        return;
                    }

                    bool? isPublic = null, isPrivate = null;
                    int? maxAge = null, sharedMaxAge = null;
                    foreach (var initializer in creation.Initializer.Initializers.OfType<ISimpleAssignmentOperation>())
                    {
                        switch ((initializer.Target as IPropertyReferenceOperation)?.Property.Name)
                        {
                            case "Public": isPublic = initializer.Value.ConstantValue.Value as bool?; break;
                            case "Private": isPrivate = initializer.Value.ConstantValue.Value as bool?; break;
                            case "MaxAge": maxAge = Seconds(initializer.Value); break;
                            case "SharedMaxAge": sharedMaxAge = Seconds(initializer.Value); break;
                        }
                    }

                    if (isPrivate != true)
                    {
                        sites.Add((creation.Syntax.GetLocation(), "CacheControlHeaderValue", isPublic == true && maxAge > 0 ? maxAge : null, sharedMaxAge ?? (isPublic == true ? maxAge : null)));
                    }
                }, OperationKind.ObjectCreation);
            }

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (location, what, browser, shared) in sites.OrderBy(s => s.Location.SourceSpan.Start))
                {
                    if (browser is > 0 && invalidates == 1)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.BrowserMaxAge, location, what, browser.Value));
                    }

                    if (shared is >= Hour && purges == 0)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.LongSharedLifetime, location, what, shared.Value));
                    }
                }
            });

            void AddHeader(Location location, string header)
            {
                var directives = header.Split(',').Select(d => d.Trim().ToLowerInvariant()).ToList();
                if (directives.Any(d => d is "private" or "no-store"))
                {
                    return;
                }

                var maxAge = Directive(directives, "max-age");
                var shared = Directive(directives, "s-maxage") ?? (directives.Contains("public") ? maxAge : null);
                sites.Add((location, "Cache-Control \"" + header + "\"", maxAge > 0 ? maxAge : null, shared));
            }
        });
    }

    private static int? Directive(System.Collections.Generic.List<string> directives, string name)
    {
        foreach (var directive in directives)
        {
            if (directive.StartsWith(name + "=", StringComparison.Ordinal)
                && int.TryParse(directive.Substring(name.Length + 1).Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }
        }

        return null;
    }

    private static bool IsCacheControlName(IOperation operation) =>
        Unwrap(operation) is var value && (value.ConstantValue is { HasValue: true, Value: string name } && string.Equals(name, "Cache-Control", StringComparison.OrdinalIgnoreCase)
            || value is IFieldReferenceOperation { Field.Name: "CacheControl" } or IPropertyReferenceOperation { Property.Name: "CacheControl" });

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static IOperation? Argument(IInvocationOperation invocation, string parameter) =>
        invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter && a.ArgumentKind == ArgumentKind.Explicit)?.Value;

    /// <summary>The seconds of a constant <c>TimeSpan.FromX(n)</c> (or of a constant number), or null.</summary>
    private static int? Seconds(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        operation = Unwrap(operation);
        if (operation.ConstantValue is { HasValue: true, Value: int number })
        {
            return number;
        }

        if (operation is IInvocationOperation { TargetMethod.ContainingType.Name: "TimeSpan", Arguments.Length: >= 1 } call
            && Unwrap(call.Arguments[0].Value).ConstantValue is { HasValue: true, Value: var value } && value is not null)
        {
            var amount = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            var seconds = call.TargetMethod.Name switch
            {
                "FromSeconds" => amount,
                "FromMinutes" => amount * 60,
                "FromHours" => amount * Hour,
                "FromDays" => amount * 24 * Hour,
                _ => double.NaN,
            };
            return double.IsNaN(seconds) ? null : (int)Math.Min(seconds, int.MaxValue);
        }

        if (operation is IPropertyReferenceOperation { Property.Name: "Value" } nullable)
        {
            return Seconds(nullable.Instance);
        }

        return null;
    }

    private static T Named<T>(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind != TypedConstantKind.Array && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return default!;
    }

    private static Location LocationOf(AttributeData attribute, ISymbol symbol) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? symbol.Locations.FirstOrDefault() ?? Location.None;
}
