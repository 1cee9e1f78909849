using System;
using System.Text.Json.Serialization;
using CacheGen;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What only code can set on CacheGen, on the builder <c>AddCacheGen</c> returns.</summary>
public static class CacheGenBuilderExtensions
{
    /// <summary>Writes cached values with <paramref name="serializer"/> instead of System.Text.Json.</summary>
    public static ICacheGenBuilder UseSerializer(this ICacheGenBuilder builder, ICacheSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(serializer);
        builder.Services.Configure<CacheGenOptions>(o => o.Serializer = serializer);
        return builder;
    }

    /// <summary>
    /// Serializes cached values with a source-generated <see cref="JsonSerializerContext"/> that lists every cached type
    /// (trim and native AOT safe); see <see cref="CacheGenOptions.UseJsonSerializerContext"/>.
    /// </summary>
    public static ICacheGenBuilder UseJsonSerializerContext(this ICacheGenBuilder builder, JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(context);
        builder.Services.Configure<CacheGenOptions>(o => o.UseJsonSerializerContext(context));
        return builder;
    }
}
