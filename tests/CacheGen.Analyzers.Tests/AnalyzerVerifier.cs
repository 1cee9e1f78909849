using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CacheGen.Analyzers.Tests;

/// <summary>
/// Runs one analyzer over test code with <c>{|CGxxxx:…|}</c> markup, against .NET 10 reference assemblies and the real
/// CacheGen and StackExchange.Redis assemblies (no stubs, nothing downloaded at test time).
/// </summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source) => VerifyAsync(source, []);

    public static Task VerifyAsync(string source, DiagnosticResult[] expected) => VerifyAsync(source, expected, []);

    /// <summary>As <see cref="VerifyAsync(string, DiagnosticResult[])"/>, with more references (ASP.NET Core, for the HTTP rules).</summary>
    public static async Task VerifyAsync(string source, DiagnosticResult[] expected, IEnumerable<MetadataReference> moreReferences)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AdditionalReferences.AddRange(moreReferences);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}

public static class TestReferences
{
    /// <summary>ASP.NET Core's assemblies (the shared framework this test process runs on) and CacheGen.AspNetCore.</summary>
    public static IReadOnlyList<MetadataReference> AspNetCore { get; } =
    [
        .. Directory.GetFiles(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!, "Microsoft.*.dll")
            .Where(f => !Basic.Reference.Assemblies.Net100.References.All.Any(r => Path.GetFileName(r.FilePath ?? "") == Path.GetFileName(f)))
            .Select(f => MetadataReference.CreateFromFile(f)),
        MetadataReference.CreateFromFile(typeof(CacheGen.AspNetCore.HttpCacheAttribute).Assembly.Location),
    ];

    public static IReadOnlyList<MetadataReference> All { get; } =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(CacheGen.CachedAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(StackExchange.Redis.IDatabase).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.RelationalQueryableExtensions).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Dapper.SqlMapper).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Caching.Memory.IMemoryCache).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Caching.Memory.MemoryCache).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Caching.Hybrid.HybridCache).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ZiggyCreatures.Caching.Fusion.IFusionCache).Assembly.Location),
    ];

    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using CacheGen;

        """;
}
