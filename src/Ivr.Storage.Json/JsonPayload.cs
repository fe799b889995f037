using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using Ivr.Storage.Json.Internal;

namespace Ivr.Storage.Json;

/// <summary>
/// Validates entity payloads and merge patches at the edge and brings them into canonical form. Every rejection is
/// a <see cref="JsonPayloadException"/> whose <see cref="JsonPayloadException.Field"/>
/// is <c>payload</c> or <c>patch</c> and whose message says what was wrong and where.
/// </summary>
/// <remarks>
/// Codes: <see cref="JsonPayloadErrorCode.MalformedJson"/> for text that is not JSON or not valid UTF-8;
/// <see cref="JsonPayloadErrorCode.PayloadTooLarge"/> when the text or its canonical form exceeds
/// <see cref="JsonPayloadLimits.MaxBytes"/>; <see cref="JsonPayloadErrorCode.InvalidPayload"/> for a
/// non-object root, nesting beyond <see cref="JsonPayloadLimits.MaxDepth"/>, numbers beyond the double range,
/// repeated member names and unpaired surrogates; <see cref="JsonPayloadErrorCode.InexactNumber"/> for a number
/// canonical form would change (see <see cref="JsonPayloadLimits.ExactNumbers"/>).
/// </remarks>
public static class JsonPayload
{
    private const string PayloadField = "payload";
    private const string PatchField = "patch";

    /// <summary>Validates an entity payload given as text; <paramref name="limits"/> defaults to <see cref="JsonPayloadLimits.Default"/>.</summary>
    public static CanonicalPayload ParseObject(string json, JsonPayloadLimits? limits = null) =>
        ParseText(json, limits ?? JsonPayloadLimits.Default, PayloadField);

    /// <summary>Validates an entity payload given as UTF-8 bytes (a leading byte order mark is ignored).</summary>
    public static CanonicalPayload ParseObject(ReadOnlyMemory<byte> utf8Json, JsonPayloadLimits? limits = null) =>
        ParseUtf8(utf8Json, limits ?? JsonPayloadLimits.Default, PayloadField);

    /// <summary>
    /// Validates an RFC 7396 merge patch given as text. RFC 7396 allows any JSON value as a patch, but a non-object
    /// patch replaces the whole entity, so this store only accepts an object (write the entity to replace it).
    /// </summary>
    public static CanonicalPayload ParseMergePatch(string json, JsonPayloadLimits? limits = null) =>
        ParseText(json, limits ?? JsonPayloadLimits.Default, PatchField);

    /// <summary>Validates an RFC 7396 merge patch given as UTF-8 bytes; like <see cref="ParseMergePatch(string, JsonPayloadLimits?)"/>.</summary>
    public static CanonicalPayload ParseMergePatch(ReadOnlyMemory<byte> utf8Json, JsonPayloadLimits? limits = null) =>
        ParseUtf8(utf8Json, limits ?? JsonPayloadLimits.Default, PatchField);

    /// <summary>
    /// Canonicalizes an object built in memory (for example the result of <see cref="JsonMergePatch.Apply"/>) and
    /// checks it against the same depth and size limits as a payload received as text.
    /// </summary>
    public static CanonicalPayload FromObject(JsonObject value, JsonPayloadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        limits ??= JsonPayloadLimits.Default;
        using var buffer = new PooledBufferWriter(1024);
        new CanonicalWriter(buffer, PayloadField, limits.MaxDepth, limits.ExactNumbers).Write(value, depth: 0);
        return Finish(buffer, limits, PayloadField);
    }

    private static CanonicalPayload ParseText(string json, JsonPayloadLimits limits, string field)
    {
        ArgumentNullException.ThrowIfNull(json);

        // Each char is at least one UTF-8 byte, so a long enough string is too large before we count precisely.
        var length = json.Length > limits.MaxBytes ? System.Text.Encoding.UTF8.GetByteCount(json) : JsonText.Utf8Length(json, field);
        ThrowIfTooLarge(length, limits, field);
        var rented = JsonText.RentUtf8(json, length);
        try
        {
            return Canonicalize(rented.AsMemory(0, length), limits, field);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static CanonicalPayload ParseUtf8(ReadOnlyMemory<byte> utf8Json, JsonPayloadLimits limits, string field)
    {
        ThrowIfTooLarge(utf8Json.Length, limits, field);
        return Canonicalize(utf8Json, limits, field);
    }

    private static CanonicalPayload Canonicalize(ReadOnlyMemory<byte> utf8Json, JsonPayloadLimits limits, string field)
    {
        using var document = JsonText.Parse(utf8Json, limits.MaxDepth, field);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            var kind = JsonErrors.Describe(root.ValueKind);
            throw JsonErrors.Invalid(field, field == PatchField
                ? $"The patch must be a JSON object, but it is {kind}. RFC 7396 would treat a non-object patch as a replacement of the whole entity; this store only accepts object patches, so write the entity instead."
                : $"The payload must be a JSON object, but it is {kind}.");
        }

        using var buffer = new PooledBufferWriter(utf8Json.Length);
        new CanonicalWriter(buffer, field, limits.MaxDepth, limits.ExactNumbers).Write(root, depth: 0);
        return Finish(buffer, limits, field);
    }

    private static CanonicalPayload Finish(PooledBufferWriter buffer, JsonPayloadLimits limits, string field)
    {
        // Canonical numbers can be longer than their source ("1e20" has 21 digits), so the limit applies again here.
        if (buffer.WrittenCount > limits.MaxBytes)
        {
            throw JsonErrors.TooLarge(field, string.Create(CultureInfo.InvariantCulture,
                $"The {field} is {buffer.WrittenCount:N0} bytes in canonical form (RFC 8785); the limit is {limits.MaxBytes:N0} bytes."));
        }

        return new CanonicalPayload(buffer.ToArray());
    }

    private static void ThrowIfTooLarge(int length, JsonPayloadLimits limits, string field)
    {
        if (length > limits.MaxBytes)
        {
            throw JsonErrors.TooLarge(field, string.Create(CultureInfo.InvariantCulture,
                $"The {field} is {length:N0} bytes of UTF-8; the limit is {limits.MaxBytes:N0} bytes."));
        }
    }
}
