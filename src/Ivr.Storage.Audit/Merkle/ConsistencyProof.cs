namespace Ivr.Storage.Audit.Merkle;

/// <summary>
/// An RFC 9162 §2.1.4 consistency proof: the hashes showing that the tree of <see cref="SecondSize"/> leaves extends
/// the tree of <see cref="FirstSize"/> leaves (the first tree's leaves unchanged, in the same order).
/// </summary>
public sealed record ConsistencyProof(long FirstSize, long SecondSize, IReadOnlyList<byte[]> Path);
