namespace CacheGen.Generator;

/// <summary>The version written into <c>[GeneratedCode]</c>.</summary>
internal static class ThisAssembly
{
    public const string Version = "0.1.0";
}
