using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>Two heads and the RFC 9162 consistency path (hex) showing the second extends the first.</summary>
internal sealed record ConsistencyProofResponse(long From, long To, IReadOnlyList<string> Path, LogHeadResponse First, LogHeadResponse Second)
{
    public static ConsistencyProofResponse Of(LogConsistencyProof proof) => new(
        proof.First.TreeSize,
        proof.Second.TreeSize,
        [.. proof.Path.Select(Convert.ToHexStringLower)],
        LogHeadResponse.From(proof.First),
        LogHeadResponse.From(proof.Second));
}
