using System.Buffers;
using System.Text.Json.Nodes;

namespace Ivr.Storage.Json.Internal;

internal sealed partial class CanonicalWriter
{
    /// <summary>Writes <paramref name="value"/> (<see langword="null"/> is JSON null), which sits inside <paramref name="depth"/> containers.</summary>
    public void Write(JsonNode? value, int depth)
    {
        switch (value)
        {
            case null:
                WriteBytes("null"u8);
                break;
            case JsonObject obj:
                CheckDepth(depth + 1);
                WriteObject(obj, depth + 1);
                break;
            case JsonArray array:
                CheckDepth(depth + 1);
                WriteByte((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte((byte)',');
                    }

                    _path.PushIndex(i);
                    Write(array[i], depth + 1);
                    _path.Pop();
                }

                WriteByte((byte)']');
                break;
            case JsonValue scalar:
                WriteValue(scalar, depth);
                break;
            default:
                throw JsonErrors.Invalid(field, $"The {field} has an unsupported node ({value.GetType().Name}) at {_path}.");
        }
    }

    private void WriteObject(JsonObject value, int depth)
    {
        int count;
        try
        {
            count = value.Count;
        }
        catch (ArgumentException)
        {
            // A JsonObject parsed from text materializes its members lazily and fails here on a repeated name.
            throw JsonErrors.Invalid(field,
                $"The object at {_path} has a member name more than once; canonical JSON (RFC 8785) needs unique member names.");
        }

        var members = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(count);
        try
        {
            ((ICollection<KeyValuePair<string, JsonNode?>>)value).CopyTo(members, 0);
            var sorted = members.AsSpan(0, count);
            sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            WriteByte((byte)'{');
            for (var i = 0; i < sorted.Length; i++)
            {
                var (name, member) = sorted[i];
                if (i > 0)
                {
                    WriteByte((byte)',');
                }

                _path.PushName(name);
                WriteString(name);
                WriteByte((byte)':');
                Write(member, depth);
                _path.Pop();
            }

            WriteByte((byte)'}');
        }
        finally
        {
            ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(members, clearArray: true);
        }
    }

    private void WriteValue(JsonValue value, int depth)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            Write(element, depth);
        }
        else if (value.TryGetValue(out string? text))
        {
            WriteString(text);
        }
        else if (value.TryGetValue(out bool flag))
        {
            WriteBytes(flag ? "true"u8 : "false"u8);
        }
        else if (value.TryGetValue(out double number))
        {
            if (!double.IsFinite(number))
            {
                throw JsonErrors.Invalid(field, $"The number at {_path} is {number}, which JSON cannot represent.");
            }

            WriteNumber(number);
        }
        else
        {
            WriteSerialized(value, depth);
        }
    }

    /// <summary>Other CLR values (int, decimal, Guid, DateTime, ...): let System.Text.Json write them, then canonicalize that.</summary>
    private void WriteSerialized(JsonValue value, int depth)
    {
        using var buffer = new PooledBufferWriter(64);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                value.WriteTo(writer);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or JsonException)
        {
            throw JsonErrors.Invalid(field, $"The value at {_path} cannot be written as JSON: {ex.Message}");
        }

        using var document = JsonDocument.Parse(buffer.WrittenSpan.ToArray());
        Write(document.RootElement, depth);
    }
}
