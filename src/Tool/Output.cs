using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CacheGen.Tool;

/// <summary>The JSON form of every report: camelCase names, enums as camelCase strings.</summary>
internal static class Output
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One JSON object per line (watch's stream).</summary>
    public static readonly JsonSerializerOptions JsonLines = new(Json) { WriteIndented = false };

    public static void WriteFinding(TextWriter writer, Finding finding, string indent = "")
    {
        writer.WriteLine($"{indent}[{Label(finding.Severity)}] {finding.Code}: {finding.Summary}");
        if (finding.Examples is { Count: > 0 } examples)
        {
            foreach (var example in examples)
            {
                writer.WriteLine($"{indent}    - {example}");
            }
        }

        writer.WriteLine($"{indent}    what to do: {finding.WhatToDo}");
    }

    public static string Label(Severity severity) => severity switch
    {
        Severity.Error => "ERROR",
        Severity.Warning => "WARN",
        _ => "info",
    };
}
