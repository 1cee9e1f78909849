using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CacheGen.Analyzers.Tests;

/// <summary>Runs one analyzer and its fix: before → after for one diagnostic, and Fix All.</summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task VerifyAsync(string source, string fixedSource, string equivalenceKey, string? fixAllSource = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            BatchFixedCode = fixAllSource ?? fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.FixedState.AdditionalReferences.AddRange(TestReferences.All);
        test.BatchFixedState.AdditionalReferences.AddRange(TestReferences.All);
        await test.RunAsync();
    }
}
