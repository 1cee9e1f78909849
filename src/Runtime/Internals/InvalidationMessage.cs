using System;
using System.Buffers;
using System.Text.Json;

namespace CacheGen.Internals;

/// <summary>
/// The message on the invalidation channel: <c>{"action":"invalidate","key":"…","source":"&lt;instance id&gt;","id":7}</c>,
/// or with <c>"tag":"…"</c> in place of <c>"key"</c> for a tag. With an <c>id</c>, the sender waits for every receiver
/// to confirm it on <c>&lt;channel&gt;:ack:&lt;source&gt;</c>.
/// </summary>
/// <param name="Key">The logical key, or the tag when <paramref name="IsTag"/>.</param>
/// <param name="Source">The sending instance's id.</param>
/// <param name="Id">Set when the sender waits for a confirmation.</param>
/// <param name="IsTag">Whether <paramref name="Key"/> is a tag.</param>
internal readonly record struct InvalidationMessage(string Key, string? Source, long? Id = null, bool IsTag = false)
{
    public byte[] ToUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (Key.Length * 2));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action", "invalidate");
            writer.WriteString(IsTag ? "tag" : "key", Key);
            if (Source is not null)
            {
                writer.WriteString("source", Source);
            }

            if (Id is { } id)
            {
                writer.WriteNumber("id", id);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a message; returns false with a reason for anything that is not a well-formed invalidation.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out InvalidationMessage message, out string reason)
    {
        message = default;
        string? action = null, key = null, tag = null, source = null;
        long? id = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reason = "not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                if (name == "id" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
                {
                    id = number;
                    continue;
                }

                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                switch (name)
                {
                    case "action": action = value; break;
                    case "key": key = value; break;
                    case "tag": tag = value; break;
                    case "source": source = value; break;
                }
            }
        }
        catch (JsonException)
        {
            reason = "not valid JSON";
            return false;
        }

        if (action != "invalidate")
        {
            reason = "\"action\" is not \"invalidate\"";
            return false;
        }

        if (key is not null && tag is not null)
        {
            reason = "it names both a \"key\" and a \"tag\"";
            return false;
        }

        if (tag is not null)
        {
            if (tag.Length == 0 || tag.AsSpan().IndexOfAny('{', '}') >= 0)
            {
                reason = "\"tag\" is empty or contains a brace";
                return false;
            }

            message = new InvalidationMessage(tag, source, id, IsTag: true);
            reason = string.Empty;
            return true;
        }

        if (string.IsNullOrEmpty(key))
        {
            reason = "\"key\" is missing or empty";
            return false;
        }

        message = new InvalidationMessage(key, source, id);
        reason = string.Empty;
        return true;
    }
}
