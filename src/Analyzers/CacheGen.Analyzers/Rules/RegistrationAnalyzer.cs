using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG0008: <c>AddCached</c> with a class as its service type. CG0009: a class with <c>[Cached]</c> or
/// <c>[InvalidatesCache]</c> methods registered through <c>AddScoped</c>/<c>AddSingleton</c>/<c>AddTransient</c> or a
/// <c>TryAdd…</c> method, which serves it undecorated.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegistrationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.AddCachedNeedsInterface, Descriptors.RegisteredWithoutAddCached);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CacheGenSymbols.For(start.Compilation) is not { } symbols
                || KnownTypes.Find(start.Compilation, "Microsoft.Extensions.DependencyInjection.CacheGenServiceCollectionExtensions", KnownTypes.CacheGen) is not { } cacheGenExtensions)
            {
                return;
            }

            var serviceExtensions = KnownTypes.Find(start.Compilation, "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions", KnownTypes.DependencyInjection);
            var descriptorExtensions = KnownTypes.Find(start.Compilation, "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions", KnownTypes.DependencyInjection);

            // A class registered on its own (AddScoped<Repo>()) is fine when AddCached wraps it too: the decorator
            // resolves it. That needs the whole compilation, so those registrations are judged at its end.
            var addCachedImplementations = new ConcurrentDictionary<ITypeSymbol, byte>(SymbolEqualityComparer.Default);
            var selfRegistrations = new ConcurrentBag<(INamedTypeSymbol Implementation, string Method, Location Location)>();

            start.RegisterOperationAction(c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                var method = invocation.TargetMethod;
                var container = method.ContainingType;
                if (SymbolEqualityComparer.Default.Equals(container, cacheGenExtensions) && method.Name == "AddCached" && method.TypeArguments.Length == 2)
                {
                    var service = method.TypeArguments[0];
                    var implementation = method.TypeArguments[1];
                    addCachedImplementations.TryAdd(implementation, 0);
                    if (service.TypeKind is not (TypeKind.Interface or TypeKind.Error or TypeKind.TypeParameter))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.AddCachedNeedsInterface, OperationHelpers.NameLocation(invocation.Syntax), service.Name, implementation.Name, InterfaceHint(implementation, symbols)));
                    }

                    return;
                }

                if (!IsRegistration(method, serviceExtensions, descriptorExtensions))
                {
                    return;
                }

                var (serviceType, implementationType) = Registered(invocation);
                if (implementationType is not INamedTypeSymbol { TypeKind: TypeKind.Class } cachedClass || !HasCachedMembers(cachedClass, symbols))
                {
                    return;
                }

                if (serviceType is null || SymbolEqualityComparer.Default.Equals(serviceType, cachedClass))
                {
                    selfRegistrations.Add((cachedClass, method.Name, OperationHelpers.NameLocation(invocation.Syntax)));
                    return;
                }

                c.ReportDiagnostic(Diagnostic.Create(Descriptors.RegisteredWithoutAddCached, OperationHelpers.NameLocation(invocation.Syntax), cachedClass.Name, method.Name, serviceType.TypeKind == TypeKind.Interface ? serviceType.Name : InterfaceHint(cachedClass, symbols)));
            }, OperationKind.Invocation);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (implementation, method, location) in selfRegistrations.OrderBy(r => r.Location.SourceSpan.Start))
                {
                    if (!addCachedImplementations.ContainsKey(implementation))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.RegisteredWithoutAddCached, location, implementation.Name, method, InterfaceHint(implementation, symbols)));
                    }
                }
            });
        });
    }

    private static bool IsRegistration(IMethodSymbol method, INamedTypeSymbol? serviceExtensions, INamedTypeSymbol? descriptorExtensions)
    {
        var container = method.ContainingType;
        if (SymbolEqualityComparer.Default.Equals(container, serviceExtensions))
        {
            return method.Name is "AddScoped" or "AddSingleton" or "AddTransient" or "AddKeyedScoped" or "AddKeyedSingleton" or "AddKeyedTransient";
        }

        return SymbolEqualityComparer.Default.Equals(container, descriptorExtensions)
            && method.Name is "TryAddScoped" or "TryAddSingleton" or "TryAddTransient" or "TryAddKeyedScoped" or "TryAddKeyedSingleton" or "TryAddKeyedTransient";
    }

    /// <summary>The service type (null when it is the implementation itself) and the implementation type of a registration.</summary>
    private static (ITypeSymbol? Service, ITypeSymbol? Implementation) Registered(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.TypeArguments.Length == 2)
        {
            return (method.TypeArguments[0], method.TypeArguments[1]);
        }

        // Arguments after the IServiceCollection (and a service key): typeof(...)s, an instance or a factory.
        var types = invocation.Arguments
            .Where(a => a.Parameter?.Type.Name == "Type" && a.Value.WithoutConversions() is ITypeOfOperation)
            .Select(a => ((ITypeOfOperation)a.Value.WithoutConversions()).TypeOperand)
            .ToList();
        if (method.TypeArguments.Length == 0 && types.Count > 0)
        {
            return types.Count == 1 ? (null, types[0]) : (types[0], types[1]);
        }

        if (method.TypeArguments.Length != 1)
        {
            return (null, null);
        }

        var service = method.TypeArguments[0];
        var supplied = invocation.Arguments
            .Where(a => a.Parameter?.Name is "implementationFactory" or "implementationInstance" && a.ArgumentKind != ArgumentKind.DefaultValue)
            .Select(a => a.Value.WithoutConversions())
            .FirstOrDefault();
        return supplied switch
        {
            null => (null, service),
            IObjectCreationOperation creation => (service, creation.Type),
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => (service, CreatedBy(lambda)),
            _ => (null, null), // an instance or factory whose class cannot be seen here
        };
    }

    /// <summary>The class a factory lambda creates, when every return creates the same one.</summary>
    private static ITypeSymbol? CreatedBy(IAnonymousFunctionOperation lambda)
    {
        var created = lambda.Body.Descendants().OfType<IReturnOperation>()
            .Select(r => r.ReturnedValue?.WithoutConversions() is IObjectCreationOperation creation ? creation.Type : null)
            .ToList();
        return created.Count > 0 && created.All(t => t is not null && SymbolEqualityComparer.Default.Equals(t, created[0])) ? created[0] : null;
    }

    private static bool HasCachedMembers(INamedTypeSymbol type, CacheGenSymbols symbols) =>
        type.GetMembers().OfType<IMethodSymbol>().Any(m => m.GetAttributes().Any(symbols.IsDecorating));

    /// <summary>The interface(s) whose members the class's [Cached]/[InvalidatesCache] methods implement, for the message.</summary>
    private static string InterfaceHint(ITypeSymbol implementation, CacheGenSymbols symbols)
    {
        var cached = implementation.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(symbols.IsDecorating))
            .ToList();
        var interfaces = implementation.AllInterfaces
            .Where(i => i.GetMembers().OfType<IMethodSymbol>().Any(member => cached.Any(m => SymbolEqualityComparer.Default.Equals(implementation.FindImplementationForInterfaceMember(member), m))))
            .Select(i => i.Name)
            .ToList();
        return interfaces.Count switch
        {
            0 => "I" + implementation.Name,
            _ => string.Join(" or ", interfaces),
        };
    }
}
