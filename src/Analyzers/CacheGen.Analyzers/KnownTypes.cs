using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace CacheGen.Analyzers;

/// <summary>
/// Library types looked up in the assembly that declares them. <see cref="Compilation.GetTypeByMetadataName"/> asks every
/// referenced assembly (hundreds in a web project) and loads its namespaces to answer; the first such question for a
/// <c>Microsoft.*</c> or <c>StackExchange.*</c> name costs more than the rest of a rule's work on a small project.
/// </summary>
internal static class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, Dictionary<string, IAssemblySymbol>> Assemblies = new();

    /// <summary>
    /// The type named <paramref name="metadataName"/> declared by the referenced assembly named one of
    /// <paramref name="assemblies"/>, or by this compilation's own source; null when none declares it (the library is
    /// not referenced).
    /// </summary>
    public static INamedTypeSymbol? Find(Compilation compilation, string metadataName, params string[] assemblies)
    {
        var byName = Assemblies.GetValue(compilation, c =>
        {
            var map = new Dictionary<string, IAssemblySymbol>(System.StringComparer.Ordinal);
            foreach (var assembly in c.SourceModule.ReferencedAssemblySymbols)
            {
                if (!map.ContainsKey(assembly.Name))
                {
                    map[assembly.Name] = assembly;
                }
            }

            return map;
        });

        foreach (var name in assemblies)
        {
            if (byName.TryGetValue(name, out var assembly) && assembly.GetTypeByMetadataName(metadataName) is { } type)
            {
                return type;
            }
        }

        return compilation.Assembly.GetTypeByMetadataName(metadataName);
    }

    /// <summary>
    /// A framework type: looked up in the core library, then in <paramref name="assemblies"/> (the reference assemblies
    /// that declare it on other targets), and only then in every referenced assembly.
    /// </summary>
    public static INamedTypeSymbol? FindFramework(Compilation compilation, string metadataName, params string[] assemblies) =>
        compilation.ObjectType.ContainingAssembly.GetTypeByMetadataName(metadataName)
        ?? Find(compilation, metadataName, assemblies)
        ?? compilation.GetTypeByMetadataName(metadataName);

    public static readonly string[] Redis = ["StackExchange.Redis", "StackExchange.Redis.StrongName"];
    public const string EfCore = "Microsoft.EntityFrameworkCore";
    public const string EfRelational = "Microsoft.EntityFrameworkCore.Relational";
    public const string CachingAbstractions = "Microsoft.Extensions.Caching.Abstractions";
    public const string DependencyInjection = "Microsoft.Extensions.DependencyInjection.Abstractions";
    public const string CacheGen = "CacheGen";
    public static readonly string[] Dapper = ["Dapper", "Dapper.StrongName"];
}
