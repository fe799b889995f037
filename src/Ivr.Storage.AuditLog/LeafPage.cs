using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.AuditLog;

/// <summary>
/// A page of an export: leaves with their proofs against <see cref="Head"/>, in log order; the next page starts at
/// leaf <see cref="Next"/>, and the export ends when it reaches <see cref="To"/>.
/// </summary>
public sealed record LeafPage(SignedTreeHead Head, long To, IReadOnlyList<VersionProof> Items, long Next);
