using System.Globalization;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>A signed head in the form the head sinks export and ivr-storage-verify reads (hashes and signature in hex).</summary>
internal sealed record LogHeadResponse(long TreeSize, string RootHash, string Timestamp, string PreviousHeadHash, string KeyId, string Signature)
{
    public static LogHeadResponse From(LogHead head) => new(
        head.TreeSize,
        Convert.ToHexStringLower(head.RootHash),
        head.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        Convert.ToHexStringLower(head.PreviousHeadHash),
        head.KeyId,
        Convert.ToHexStringLower(head.Signature));
}
