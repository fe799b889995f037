using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Ivr.Storage.Json.Internal;

namespace Ivr.Storage.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: object members sorted by the UTF-16 code units of their names, no
/// whitespace, strings with only the mandatory escapes, numbers as ECMAScript prints the IEEE-754 double.
/// </summary>
/// <remarks>
/// Inputs that have no canonical form are rejected with a <see cref="JsonPayloadException"/>
/// (field <c>payload</c>): numbers beyond the double range (<see cref="JsonPayloadErrorCode.InvalidPayload"/>),
/// repeated member names (InvalidPayload), strings with unpaired surrogates (InvalidPayload), invalid UTF-8
/// (<see cref="JsonPayloadErrorCode.MalformedJson"/>) and, for text input, anything that is not JSON (MalformedJson).
/// Numbers too small for a double (such as <c>1e-400</c>) become 0, as in ECMAScript.
/// </remarks>
public static class CanonicalJson
{
    private const string Field = "payload";

    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>.</summary>
    public static byte[] Serialize(JsonElement value)
    {
        using var buffer = new PooledBufferWriter(256);
        WriteTo(value, buffer);
        return buffer.ToArray();
    }

    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>; <see langword="null"/> is JSON <c>null</c>.</summary>
    public static byte[] Serialize(JsonNode? value)
    {
        using var buffer = new PooledBufferWriter(256);
        WriteTo(value, buffer);
        return buffer.ToArray();
    }

    /// <summary>The canonical text of <paramref name="value"/>.</summary>
    public static string SerializeToString(JsonElement value)
    {
        using var buffer = new PooledBufferWriter(256);
        WriteTo(value, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The canonical text of <paramref name="value"/>; <see langword="null"/> is JSON <c>null</c>.</summary>
    public static string SerializeToString(JsonNode? value)
    {
        using var buffer = new PooledBufferWriter(256);
        WriteTo(value, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Appends the canonical UTF-8 bytes of <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <remarks>On failure part of the output may already be written.</remarks>
    public static void WriteTo(JsonElement value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        new CanonicalWriter(output, Field, JsonPayloadLimits.MaxSupportedDepth).Write(value, depth: 0);
    }

    /// <summary>Appends the canonical UTF-8 bytes of <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <remarks>On failure part of the output may already be written.</remarks>
    public static void WriteTo(JsonNode? value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        new CanonicalWriter(output, Field, JsonPayloadLimits.MaxSupportedDepth).Write(value, depth: 0);
    }

    /// <summary>Parses any JSON text (not only objects) and returns its canonical UTF-8 bytes.</summary>
    /// <remarks>Nesting is limited to <see cref="JsonPayloadLimits.MaxSupportedDepth"/>; there is no size limit, see <see cref="JsonPayload"/> for that.</remarks>
    public static byte[] Canonicalize(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonText.Parse(utf8Json, JsonPayloadLimits.MaxSupportedDepth, Field);
        return Serialize(document.RootElement);
    }

    /// <summary>Parses any JSON text (not only objects) and returns its canonical text.</summary>
    /// <remarks>Nesting is limited to <see cref="JsonPayloadLimits.MaxSupportedDepth"/>; there is no size limit, see <see cref="JsonPayload"/> for that.</remarks>
    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var length = JsonText.Utf8Length(json, Field);
        var rented = JsonText.RentUtf8(json, length);
        try
        {
            using var document = JsonText.Parse(rented.AsMemory(0, length), JsonPayloadLimits.MaxSupportedDepth, Field);
            return SerializeToString(document.RootElement);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
