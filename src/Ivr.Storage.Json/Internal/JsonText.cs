using System.Buffers;
using System.Text;

namespace Ivr.Storage.Json.Internal;

/// <summary>
/// Turns JSON text into a <see cref="JsonDocument"/> and every way that can fail into a
/// <see cref="JsonPayloadException"/> with a specific code and message.
/// </summary>
internal static class JsonText
{
    /// <summary>Strict UTF-8: a C# string holding an unpaired surrogate is not Unicode text and must not be silently repaired.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Parses <paramref name="utf8"/>. The document reads <paramref name="utf8"/> in place, so the caller must keep
    /// that memory alive and unchanged until the document is disposed.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, int maxDepth, string field)
    {
        // RFC 8259 lets parsers ignore a byte order mark; System.Text.Json would reject it as an invalid token.
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var options = new JsonDocumentOptions { MaxDepth = maxDepth };
        try
        {
            return JsonDocument.Parse(utf8, options);
        }
        catch (JsonException ex)
        {
            throw Diagnose(utf8.Span, maxDepth, field, ex);
        }
    }

    /// <summary>The number of UTF-8 bytes <paramref name="json"/> encodes to.</summary>
    public static int Utf8Length(string json, string field)
    {
        try
        {
            return StrictUtf8.GetByteCount(json);
        }
        catch (EncoderFallbackException ex)
        {
            throw JsonErrors.Malformed(field,
                $"The {field} is not valid Unicode text: it has an unpaired UTF-16 surrogate at character {ex.Index}.");
        }
    }

    /// <summary>Encodes <paramref name="json"/> (already measured by <see cref="Utf8Length"/>) into a pooled array the caller returns.</summary>
    public static byte[] RentUtf8(string json, int length)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        StrictUtf8.GetBytes(json, rented);
        return rented;
    }

    /// <summary>
    /// The parse failed; tell "too deep" (valid JSON we refuse) apart from "not JSON at all" by re-reading up to
    /// the failure while counting depth ourselves. This only runs on the error path.
    /// </summary>
    private static JsonPayloadException Diagnose(ReadOnlySpan<byte> utf8, int maxDepth, string field, JsonException original)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth + 1 > maxDepth)
                {
                    return JsonErrors.Invalid(field,
                        $"The {field} is nested more than {maxDepth} levels deep (the limit is {maxDepth}); the extra level starts at byte {reader.TokenStartIndex}.");
                }
            }
        }
        catch (JsonException)
        {
            // Fall through: the original exception describes the syntax error.
        }

        return JsonErrors.Malformed(field, $"The {field} is not well-formed JSON: {Describe(original)}");
    }

    /// <summary>System.Text.Json's reason with 1-based line and byte positions instead of its 0-based suffix.</summary>
    private static string Describe(JsonException ex)
    {
        var reason = ex.Message;
        var suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            reason = reason[..suffix];
        }

        return ex.LineNumber is { } line && ex.BytePositionInLine is { } position
            ? $"{reason.TrimEnd()} (line {line + 1}, byte {position + 1})"
            : reason;
    }
}
