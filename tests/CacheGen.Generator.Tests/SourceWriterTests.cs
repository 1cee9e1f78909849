using System.Text;
using CacheGen.Generator.Helpers;

namespace CacheGen.Generator.Tests;

/// <summary>
/// The emitter's writer: a <see cref="Fragment{TState}"/> writes the same text into a line as its ToString gives, and a
/// buffer handed back by <see cref="SourceWriter.ToStringAndRelease"/> starts the thread's next writer empty and
/// unindented, whatever the previous file left in it.
/// </summary>
public sealed class SourceWriterTests
{
    private static readonly Fragment<string[]> Names = new(["a", "@b", "c"], static (builder, names) =>
    {
        for (var i = 0; i < names.Length; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(names[i]);
        }
    });

    [Fact]
    public void A_fragment_writes_the_same_text_into_a_line_as_its_ToString()
    {
        var writer = new SourceWriter();
        writer.Open("class C");
        writer.Line($"void M({Names}) {{ }}");
        writer.Close();

        Assert.Equal("a, @b, c", Names.ToString());
        Assert.Equal("class C\n{\n    void M(a, @b, c) { }\n}\n", writer.ToStringAndRelease());
    }

    [Fact]
    public void A_released_buffer_starts_the_next_writer_empty_and_unindented()
    {
        var first = new SourceWriter();
        first.Open("namespace N").Open("class C");
        for (var i = 0; i < 200; i++)
        {
            first.Line($"int F{i};");
        }

        // Released in the middle of a block, two levels deep, as a writer that failed half-way would leave it.
        var firstText = first.ToStringAndRelease();

        var second = new SourceWriter(16);
        second.Line($"// {Names}");
        Assert.Equal("// a, @b, c\n", second.ToStringAndRelease());
        Assert.StartsWith("namespace N\n{\n    class C\n    {\n        int F0;\n", firstText, StringComparison.Ordinal);
    }
}
