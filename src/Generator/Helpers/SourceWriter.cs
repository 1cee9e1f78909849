using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CacheGen.Generator.Helpers;

/// <summary>Writes indented C# text.</summary>
/// <remarks>
/// An interpolated line (<c>w.Line($"…{x}…")</c>) is written straight into the buffer through <see cref="LineHandler"/>,
/// without building the line as a string first; values are formatted with the invariant culture.
/// </remarks>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder;
    private int _indent;

    public SourceWriter(int capacity = 4096) => _builder = new StringBuilder(capacity);

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            WriteIndent();
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter Line([InterpolatedStringHandlerArgument("")] LineHandler line)
    {
        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Open([InterpolatedStringHandlerArgument("")] LineHandler line)
    {
        _builder.Append('\n');
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();

    private void WriteIndent() => _builder.Append(' ', _indent * 4);

    /// <summary>Appends the parts of an interpolated line, indented, to the writer's buffer.</summary>
    [InterpolatedStringHandler]
    internal readonly struct LineHandler
    {
        private readonly StringBuilder _builder;

        public LineHandler(int literalLength, int formattedCount, SourceWriter writer)
        {
            _ = literalLength;
            _ = formattedCount;
            _builder = writer._builder;
            writer.WriteIndent();
        }

        public void AppendLiteral(string value) => _builder.Append(value);

        public void AppendFormatted(string? value) => _builder.Append(value);

        public void AppendFormatted(int value) => _builder.Append(value.ToString(CultureInfo.InvariantCulture));

        public void AppendFormatted<T>(T value) =>
            _builder.Append(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
    }
}
