using System.Globalization;
using System.Text.Json.Serialization;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// A signed head in the form the head sinks export and ivr-storage-verify reads (hashes and signature in hex, the
/// RFC 3161 timestamp token in base64, omitted when the head has none).
/// </summary>
internal sealed record LogHeadResponse(long TreeSize, string RootHash, string Timestamp, string PreviousHeadHash, string KeyId, string Signature)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimestampToken { get; init; }

    public static LogHeadResponse From(LogHead head) => new(
        head.TreeSize,
        Convert.ToHexStringLower(head.RootHash),
        head.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        Convert.ToHexStringLower(head.PreviousHeadHash),
        head.KeyId,
        Convert.ToHexStringLower(head.Signature))
    {
        TimestampToken = head.TimestampToken is { } token ? Convert.ToBase64String(token) : null,
    };
}
