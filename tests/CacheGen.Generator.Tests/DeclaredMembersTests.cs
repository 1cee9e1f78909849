using Microsoft.CodeAnalysis;

namespace CacheGen.Generator.Tests;

/// <summary>
/// A key member's type read from declaring syntax equals the one the member table gives, or the syntax defers (null):
/// positional records, members declared in the body, accessibility, static and const members, nullable and nested types,
/// using aliases and names that mean something else outside the type. Types are compared with their top-level
/// annotation, which decides the generated '?.'; nested annotations do not reach a key part.
/// </summary>
public sealed class DeclaredMembersTests
{
    private const string Source = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using Alias = System.Guid;
        namespace Keys
        {
            public enum Kind { Outer }
            public sealed record Positional(int Year, string? Name, Alias Tenant, Kind Kind, List<string> Tags, int? Maybe, DateOnly Day);
            public sealed record Overridden(int Year, string Name)
            {
                public int Year { get; } = Year * 2;
                public string Name { get; } = Name.Trim();
            }
            public sealed record WithNested(Kind Mode)
            {
                public enum Kind { Inner }
            }
            public record struct Point(int X, int Y);
            public readonly record struct Money(decimal Amount, string Currency);
            public class Plain
            {
                public int Id { get; set; }
                public int Computed => Id * 2;
                internal string Code = "";
                protected internal Guid Key { get; set; }
                private protected int Hidden { get; set; }
                public int PrivateGetter { private get; set; }
                public static int Shared { get; set; }
                public const int Constant = 1;
                private int _private;
                int Implicit { get; set; }
                public int[] Numbers = Array.Empty<int>();
                public Kind? MaybeKind { get; set; }
                public int Method() => _private + Implicit;
                public event EventHandler? Changed;
                public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
            }
            public struct Value
            {
                public int Amount;
                public DateTimeOffset At { get; init; }
            }
            public static class Outer
            {
                public enum Kind { Nested }
                public sealed class Inner
                {
                    public Kind Kind { get; set; }
                }
            }
            public sealed partial class Split { public int A { get; set; } }
            public sealed partial class Split { public int B { get; set; } }
            public class Base { public int Inherited { get; set; } }
            public sealed class Derived : Base { public int Own { get; set; } }
            public sealed class Generic<T> { public T? Value { get; set; } public int Count { get; set; } }
        #nullable disable
            public sealed class Oblivious { public string Text { get; set; } public int Number { get; set; } }
        #nullable enable
        }
        """;

    public static TheoryData<string, string> Members => new()
    {
        { "Keys.Positional", "Year" }, { "Keys.Positional", "Name" }, { "Keys.Positional", "Tenant" }, { "Keys.Positional", "Kind" },
        { "Keys.Positional", "Tags" }, { "Keys.Positional", "Maybe" }, { "Keys.Positional", "Day" }, { "Keys.Positional", "Missing" },
        { "Keys.Positional", "EqualityContract" },
        { "Keys.Overridden", "Year" }, { "Keys.Overridden", "Name" },
        { "Keys.WithNested", "Mode" },
        { "Keys.Point", "X" }, { "Keys.Money", "Amount" }, { "Keys.Money", "Currency" },
        { "Keys.Plain", "Id" }, { "Keys.Plain", "Computed" }, { "Keys.Plain", "Code" }, { "Keys.Plain", "Key" },
        { "Keys.Plain", "Hidden" }, { "Keys.Plain", "PrivateGetter" }, { "Keys.Plain", "Shared" }, { "Keys.Plain", "Constant" },
        { "Keys.Plain", "_private" }, { "Keys.Plain", "Implicit" }, { "Keys.Plain", "Numbers" }, { "Keys.Plain", "MaybeKind" },
        { "Keys.Plain", "Method" }, { "Keys.Plain", "Changed" },
        { "Keys.Value", "Amount" }, { "Keys.Value", "At" },
        { "Keys.Outer+Inner", "Kind" },
        { "Keys.Split", "A" }, { "Keys.Split", "B" },
        { "Keys.Derived", "Own" }, { "Keys.Derived", "Inherited" },
        { "Keys.Generic`1", "Value" }, { "Keys.Generic`1", "Count" },
        { "Keys.Oblivious", "Text" }, { "Keys.Oblivious", "Number" },
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void The_declared_type_equals_the_member_tables_or_defers(string typeName, string member)
    {
        var compilation = GeneratorHarness.Compile([Source]);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var type = compilation.GetTypeByMetadataName(typeName)!;
        var expected = KeyPartTypes.FindMember(type, member);
        var fromSyntax = DeclaredMembers.FindMember(type, member, compilation);
        if (fromSyntax is not null)
        {
            Assert.True(
                SymbolEqualityComparer.Default.Equals(expected, fromSyntax) && expected!.NullableAnnotation == fromSyntax.NullableAnnotation,
                $"{typeName}.{member}: member table {Show(expected)}, syntax {Show(fromSyntax)}");
        }
    }

    [Fact]
    public void The_syntax_answers_the_common_shapes_itself()
    {
        // Deferring everything would pass the check above: the shapes a key usually names are answered from syntax.
        var compilation = GeneratorHarness.Compile([Source]);
        foreach (var (typeName, member) in new[] { ("Keys.Positional", "Year"), ("Keys.Positional", "Name"), ("Keys.Plain", "Id"), ("Keys.Plain", "Code"), ("Keys.Value", "At"), ("Keys.WithNested", "Mode") })
        {
            Assert.NotNull(DeclaredMembers.FindMember(compilation.GetTypeByMetadataName(typeName)!, member, compilation));
        }
    }

    private static string Show(ITypeSymbol? type) => type is null ? "(none)" : $"{type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier))} [{type.NullableAnnotation}]";
}
