using Microsoft.CodeAnalysis;

namespace CacheGen.Generator;

/// <summary>The diagnostics the generator itself reports (the CG9xxx range).</summary>
internal static class GeneratorDiagnostics
{
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = new(
        id: "CG9001",
        title: "C# language version too low for CacheGen",
        messageFormat: "CacheGen needs C# 9 or later to generate its caching decorators; this project uses C# {0}. Set <LangVersion> to 9 or later (or remove it to use the SDK's default).",
        category: "CacheGen",
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: "https://github.com/cachegen/cachegen/blob/main/docs/diagnostics/CG9001.md");
}
