using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CacheGen;

/// <summary>
/// The default <see cref="ICacheSerializer"/>: System.Text.Json through <see cref="JsonTypeInfo{T}"/>. Where
/// reflection-based serialization is off (native AOT, trimming) it uses the contracts CacheGen generates for the cached
/// types, after the options' own resolver (a <c>JsonSerializerContext</c>) when there is one.
/// </summary>
public sealed class SystemTextJsonCacheSerializer : ICacheSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the serializer.</summary>
    /// <param name="options">
    /// The options to use. When <see langword="null"/>, <see cref="JsonSerializerDefaults.Web"/>; with no resolver set,
    /// reflection-based metadata where it is enabled, else the generated contracts.
    /// </param>
    public SystemTextJsonCacheSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? CreateDefaultOptions();
        if (!JsonSerializer.IsReflectionEnabledByDefault)
        {
            // Native AOT or trimming: the contracts CacheGen generated for the cached types, after the application's own
            // context if it set one (which then decides for the types it lists).
            _options = new JsonSerializerOptions(_options)
            {
                TypeInfoResolver = _options.TypeInfoResolver is { } own
                    ? JsonTypeInfoResolver.Combine(own, CachedDecoratorRegistry.GeneratedContracts)
                    : CachedDecoratorRegistry.GeneratedContracts,
            };
        }
        else if (_options.TypeInfoResolver is null)
        {
            _options = new JsonSerializerOptions(_options) { TypeInfoResolver = CreateReflectionResolver() };
        }

        _options.MakeReadOnly();
    }

    /// <inheritdoc/>
    public void Serialize<T>(T value, IBufferWriter<byte> destination)
    {
        using var writer = new Utf8JsonWriter(destination);
        JsonSerializer.Serialize(writer, value, TypeInfo<T>());
    }

    /// <inheritdoc/>
    public T Deserialize<T>(ReadOnlySpan<byte> source) => JsonSerializer.Deserialize(source, TypeInfo<T>())!;

    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.Web);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only reached when reflection-based serialization is enabled (the JsonSerializer.IsReflectionEnabledByDefault feature switch); trimmed and AOT applications use the generated contracts.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above.")]
    private static DefaultJsonTypeInfoResolver CreateReflectionResolver() => new();
}
