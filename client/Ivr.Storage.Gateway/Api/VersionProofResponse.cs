using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>A version's leaf (type, id, version, chain hash), its leaf index and inclusion path (hex, nearest first), and the head.</summary>
internal sealed record VersionProofResponse(string Type, string Id, long Version, string ChainHash, long LeafIndex, long TreeSize, IReadOnlyList<string> Path, LogHeadResponse Head)
{
    public static VersionProofResponse From(VersionInclusionProof proof) => new(
        proof.Key.Type,
        proof.Key.Id,
        proof.Version,
        Convert.ToHexStringLower(proof.ChainHash),
        proof.LeafIndex,
        proof.Head.TreeSize,
        [.. proof.Path.Select(Convert.ToHexStringLower)],
        LogHeadResponse.From(proof.Head));
}
