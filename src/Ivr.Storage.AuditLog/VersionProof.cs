using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.AuditLog;

/// <summary>A version's leaf, its inclusion proof, and the signed head the proof leads to.</summary>
public sealed record VersionProof(LogLeaf Leaf, InclusionProof Proof, SignedTreeHead Head);
