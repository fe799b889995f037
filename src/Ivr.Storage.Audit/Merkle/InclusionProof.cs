namespace Ivr.Storage.Audit.Merkle;

/// <summary>
/// An RFC 9162 §2.1.3 inclusion proof: the sibling hashes from leaf <see cref="LeafIndex"/> up to the root of the tree of
/// <see cref="TreeSize"/> leaves, nearest first.
/// </summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<byte[]> Path);
