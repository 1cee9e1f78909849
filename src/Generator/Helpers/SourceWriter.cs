using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CacheGen.Generator.Helpers;

/// <summary>Writes indented C# text.</summary>
/// <remarks>
/// An interpolated line (<c>w.Line($"…{x}…")</c>) is written straight into the buffer through <see cref="LineHandler"/>,
/// without building the line as a string first; values are formatted with the invariant culture. The buffer is reused:
/// <see cref="ToStringAndRelease"/> gives it back to the thread for its next writer, so a run that writes hundreds of files
/// allocates their text and little else.
/// </remarks>
internal sealed class SourceWriter
{
    /// <summary>Larger buffers are not kept (a rare huge file should not pin its buffer for the process's lifetime).</summary>
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_kept;

    private readonly StringBuilder _builder;
    private int _indent;

    public SourceWriter(int capacity = 4096)
    {
        var kept = t_kept;
        if (kept is null)
        {
            _builder = new StringBuilder(capacity);
            return;
        }

        t_kept = null;
        _builder = kept.Clear();
        _builder.EnsureCapacity(capacity);
    }

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

    /// <summary>The text written, after which this writer must not be used: its buffer goes to the thread's next writer.</summary>
    public string ToStringAndRelease()
    {
        var text = _builder.ToString();
        if (_builder.Capacity <= MaxKeptCapacity)
        {
            t_kept = _builder;
        }

        return text;
    }

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

        public void AppendFormatted<TState>(Fragment<TState> fragment) => fragment.WriteTo(_builder);

        public void AppendFormatted(int value) => _builder.Append(value.ToString(CultureInfo.InvariantCulture));

        public void AppendFormatted<T>(T value) =>
            _builder.Append(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
    }
}

/// <summary>
/// Text written by a static method from a state, straight into a line (<see cref="SourceWriter.LineHandler"/>) with no
/// string of its own; elsewhere, <see cref="ToString"/> gives the same text.
/// </summary>
internal readonly struct Fragment<TState>
{
    private readonly TState _state;
    private readonly Action<StringBuilder, TState> _write;

    /// <param name="state">What the text is made from.</param>
    /// <param name="write">Writes the text; a static lambda, so that no closure is allocated.</param>
    public Fragment(TState state, Action<StringBuilder, TState> write)
    {
        _state = state;
        _write = write;
    }

    public void WriteTo(StringBuilder builder) => _write(builder, _state);

    public override string ToString()
    {
        var builder = new StringBuilder();
        WriteTo(builder);
        return builder.ToString();
    }
}
