namespace Ivr.Storage.Json.Internal;

/// <summary>Builds the <see cref="JsonPayloadException"/>s this library throws, so codes and wording stay consistent.</summary>
internal static class JsonErrors
{
    public static JsonPayloadException Malformed(string field, string reason) =>
        new(JsonPayloadErrorCode.MalformedJson, field, reason);

    public static JsonPayloadException Invalid(string field, string reason) =>
        new(JsonPayloadErrorCode.InvalidPayload, field, reason);

    public static JsonPayloadException Inexact(string field, string pointer, string reason) =>
        new(JsonPayloadErrorCode.InexactNumber, field, reason, pointer);

    public static JsonPayloadException TooLarge(string field, string reason) =>
        new(JsonPayloadErrorCode.PayloadTooLarge, field, reason);

    public static JsonPayloadException CannotApply(string field, string reason) =>
        new(JsonPayloadErrorCode.InvalidOperation, field, reason);

    /// <summary>"an object", "an array", ... for messages about what a document's root turned out to be.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>
    /// User text made safe for a message: cut to <paramref name="max"/> characters so a huge value cannot flood
    /// logs, and control characters and unpaired surrogates written as <c>\uXXXX</c> so the message itself
    /// is valid Unicode that any JSON error response can carry.
    /// </summary>
    public static string Printable(string text, int max = 64)
    {
        var cut = text.Length > max;
        var span = cut ? text.AsSpan(0, max) : text.AsSpan();
        var builder = new System.Text.StringBuilder(span.Length + 8);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]);
            if (paired)
            {
                builder.Append(c).Append(span[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }
}
