using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace Ivr.Storage.Json.Internal;

internal sealed partial class CanonicalWriter
{
    /// <summary>Writes <paramref name="value"/>, which sits inside <paramref name="depth"/> containers.</summary>
    public void Write(JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckDepth(depth + 1);
                WriteObject(value, depth + 1);
                break;
            case JsonValueKind.Array:
                CheckDepth(depth + 1);
                WriteByte((byte)'[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index > 0)
                    {
                        WriteByte((byte)',');
                    }

                    _path.PushIndex(index++);
                    Write(item, depth + 1);
                    _path.Pop();
                }

                WriteByte((byte)']');
                break;
            case JsonValueKind.String:
                WriteRawString(JsonMarshal.GetRawUtf8Value(value));
                break;
            case JsonValueKind.Number:
                WriteRawNumber(JsonMarshal.GetRawUtf8Value(value));
                break;
            case JsonValueKind.True:
                WriteBytes("true"u8);
                break;
            case JsonValueKind.False:
                WriteBytes("false"u8);
                break;
            case JsonValueKind.Null:
                WriteBytes("null"u8);
                break;
            default:
                throw JsonErrors.Invalid(field, $"The {field} has no value at {_path}.");
        }
    }

    private void WriteObject(JsonElement value, int depth)
    {
        var count = value.GetPropertyCount();
        var members = ArrayPool<KeyValuePair<string, JsonElement>>.Shared.Rent(count);
        try
        {
            var filled = 0;
            foreach (var property in value.EnumerateObject())
            {
                members[filled++] = new(DecodeName(JsonMarshal.GetRawUtf8PropertyName(property)), property.Value);
            }

            var sorted = members.AsSpan(0, filled);
            sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            WriteByte((byte)'{');
            for (var i = 0; i < sorted.Length; i++)
            {
                var (name, member) = sorted[i];
                if (i > 0)
                {
                    ThrowIfDuplicate(sorted[i - 1].Key, name);
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
            ArrayPool<KeyValuePair<string, JsonElement>>.Shared.Return(members, clearArray: true);
        }
    }

    private void ThrowIfDuplicate(string previous, string name)
    {
        if (string.Equals(previous, name, StringComparison.Ordinal))
        {
            throw JsonErrors.Invalid(field,
                $"The object at {_path} has the member \"{JsonErrors.Printable(name)}\" more than once; canonical JSON (RFC 8785) needs unique member names.");
        }
    }

    /// <summary>Copies a string token (with its quotes) verbatim when it has no escapes, which is the common case.</summary>
    private void WriteRawString(ReadOnlySpan<byte> quoted)
    {
        var content = quoted[1..^1];
        ThrowIfNotUtf8(content);
        if (content.IndexOf((byte)'\\') < 0)
        {
            // A JSON string without escapes holds no control characters or quotes: RFC 8785 keeps it byte for byte.
            WriteBytes(quoted);
            return;
        }

        char[]? rented = null;
        var buffer = content.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(content.Length));
        try
        {
            WriteString(buffer[..JsonStringUnescaper.Unescape(content, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private string DecodeName(ReadOnlySpan<byte> raw)
    {
        ThrowIfNotUtf8(raw);
        return JsonStringUnescaper.Decode(raw);
    }

    private void WriteRawNumber(ReadOnlySpan<byte> raw)
    {
        if (IsShortInteger(raw))
        {
            // Up to 15 digits is exact in a double and already in ECMAScript form; only "-0" changes.
            WriteBytes(raw.SequenceEqual("-0"u8) ? "0"u8 : raw);
            return;
        }

        if (exactNumbers && ExactNumber.IsUnsafeInteger(raw))
        {
            throw InexactNumber(raw, "is an integer beyond ±2^53 (9007199254740992), where a double no longer holds every integer");
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw JsonErrors.Invalid(field,
                $"The number {JsonErrors.Printable(Encoding.UTF8.GetString(raw), 40)} at {_path} is outside the range of an IEEE-754 double (about ±1.8e308), so it has no canonical form.");
        }

        if (!exactNumbers)
        {
            WriteNumber(number);
            return;
        }

        Span<byte> canonical = stackalloc byte[EcmaScriptNumber.MaxLength];
        canonical = canonical[..EcmaScriptNumber.Write(number, canonical)];
        if (!ExactNumber.SameValue(raw, canonical))
        {
            throw InexactNumber(raw, $"has more precision than a double holds, so it would be stored as {Encoding.ASCII.GetString(canonical)}");
        }

        WriteBytes(canonical);
    }

    private JsonPayloadException InexactNumber(ReadOnlySpan<byte> raw, string why) =>
        JsonErrors.Inexact(field, _path.ToPointer(),
            $"The number {JsonErrors.Printable(Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, 64)]), 40)} at {_path} {why}. A store must not change a value it acknowledged: send it as a string (I-JSON, RFC 7493).");

    private void ThrowIfNotUtf8(ReadOnlySpan<byte> raw)
    {
        // System.Text.Json does not validate UTF-8 inside strings until they are decoded, so we do.
        if (!Utf8.IsValid(raw))
        {
            throw JsonErrors.Malformed(field, $"The {field} contains bytes that are not valid UTF-8 in a string at {_path}.");
        }
    }

    private static bool IsShortInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == '-' ? raw[1..] : raw;
        return digits.Length is > 0 and <= 15 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }
}
