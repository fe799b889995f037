using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.AuditLog;

/// <summary>Two signed heads and the proof that the later extends the earlier.</summary>
public sealed record LogConsistency(SignedTreeHead First, SignedTreeHead Second, ConsistencyProof Proof);
