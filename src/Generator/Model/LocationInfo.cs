using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CacheGen.Generator.Model;

/// <summary>A source location as values, so it can travel through the pipeline without holding a syntax tree.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>What the pipeline learns from one decorated method: its class's decorator (or null) and where the attribute is.</summary>
internal sealed record DecoratedMethod(DecoratorSpec? Decorator, LocationInfo? AttributeLocation);
