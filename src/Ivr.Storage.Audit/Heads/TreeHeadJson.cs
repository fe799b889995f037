using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ivr.Storage.Audit.Heads;

/// <summary>
/// A signed head as JSON, the form exported to sinks and returned by the gateway:
/// <c>{"treeSize":…,"rootHash":hex,"timestamp":ISO 8601,"previousHeadHash":hex,"keyId":…,"signature":hex}</c>, plus
/// <c>"timestampToken":base64</c> (an RFC 3161 token, DER) when the head has one.
/// </summary>
public static class TreeHeadJson
{
    public static JsonObject ToJson(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var json = new JsonObject
        {
            ["treeSize"] = head.TreeSize,
            ["rootHash"] = Convert.ToHexStringLower(head.RootHash),
            ["timestamp"] = head.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["previousHeadHash"] = Convert.ToHexStringLower(head.PreviousHeadHash),
            ["keyId"] = head.KeyId,
            ["signature"] = Convert.ToHexStringLower(head.Signature),
        };
        if (head.TimestampToken is { } token)
        {
            json["timestampToken"] = Convert.ToBase64String(token);
        }

        return json;
    }

    public static string Serialize(SignedTreeHead head) => ToJson(head).ToJsonString();

    /// <exception cref="FormatException">Not a signed head: the message names the field.</exception>
    public static SignedTreeHead Parse(JsonNode? json)
    {
        if (json is not JsonObject o)
        {
            throw new FormatException("A signed head is a JSON object.");
        }

        try
        {
            return new SignedTreeHead(
                o["treeSize"]!.GetValue<long>(),
                Convert.FromHexString(o["rootHash"]!.GetValue<string>()),
                DateTimeOffset.Parse(o["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Convert.FromHexString(o["previousHeadHash"]!.GetValue<string>()),
                o["keyId"]!.GetValue<string>(),
                Convert.FromHexString(o["signature"]!.GetValue<string>()))
            {
                TimestampToken = o["timestampToken"] is { } token ? Convert.FromBase64String(token.GetValue<string>()) : null,
            };
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or JsonException)
        {
            throw new FormatException($"Not a signed head: {e.Message}", e);
        }
    }

    public static SignedTreeHead Parse(string json) => Parse(JsonNode.Parse(json));
}
