using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Verify.Export;

/// <summary>
/// Checks an export line by line against its one head: leaves in order (and, for an export of every type, none
/// missing between <c>from</c> and <c>to</c>), each version's content against its hash, its link to the entity's
/// previous version, and its inclusion in the head. Stops at the first failure and names its leaf and version.
/// </summary>
internal sealed class ExportVerifier(AuditVerifier verifier, SignedTreeHead head, ExportRange range)
{
    private readonly Dictionary<(string Type, string Id), ExportLine> _last = [];
    private long _next = range.From;

    public long Checked { get; private set; }

    public AuditResult Check(ExportLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var where = $"leaf {line.LeafIndex} ({line})";
        if (line.LeafIndex < _next || line.LeafIndex >= range.To)
        {
            return AuditResult.Fail(AuditFailure.OutOfRange, $"{where} is out of order or outside leaves {range.From}..{range.To - 1} (expected at least {_next})");
        }

        if (range.Type is null && line.LeafIndex != _next)
        {
            return Missing(_next);
        }

        if (range.Type is { } type && !string.Equals(type, line.Type, StringComparison.Ordinal))
        {
            return AuditResult.Fail(AuditFailure.OutOfRange, $"{where} is not of the exported type '{type}'");
        }

        var inclusion = verifier.VerifyVersion(new LogLeaf(line.Type, line.Id, line.Version, line.Hash), new InclusionProof(line.LeafIndex, head.TreeSize, line.Path), head);
        if (!inclusion.IsValid)
        {
            return inclusion with { Detail = $"{where} is not in head {head.TreeSize}: {inclusion.Detail}" };
        }

        if (!line.ContentHash.AsSpan().SequenceEqual(line.Hash))
        {
            return AuditResult.Fail(AuditFailure.VersionChainBroken, $"{where}: its content does not hash to its chain hash");
        }

        var link = CheckLink(line, where);
        if (!link.IsValid)
        {
            return link;
        }

        _last[(line.Type, line.Id)] = line;
        _next = line.LeafIndex + 1;
        Checked++;
        return AuditResult.Valid;
    }

    /// <summary>After the last line: an export of every type must reach <c>to</c>.</summary>
    public AuditResult Complete() => range.Type is null && _next != range.To ? Missing(_next) : AuditResult.Valid;

    private AuditResult CheckLink(ExportLine line, string where)
    {
        if (_last.TryGetValue((line.Type, line.Id), out var previous))
        {
            if (line.Version != previous.Version + 1)
            {
                return AuditResult.Fail(AuditFailure.VersionMissing, $"{where} follows v{previous.Version} (leaf {previous.LeafIndex}): v{previous.Version + 1} is missing");
            }

            return line.PreviousHash.AsSpan().SequenceEqual(previous.Hash)
                ? AuditResult.Valid
                : AuditResult.Fail(AuditFailure.VersionChainBroken, $"{where} does not name v{previous.Version}'s hash as its previous one");
        }

        // An entity's earlier versions may lie before the range; version 1 starts from the genesis hash.
        return line.Version != 1 || line.PreviousHash.AsSpan().SequenceEqual(SignedTreeHead.NoPreviousHead())
            ? AuditResult.Valid
            : AuditResult.Fail(AuditFailure.VersionChainBroken, $"{where} is version 1 but names a previous hash");
    }

    private static AuditResult Missing(long leaf) =>
        AuditResult.Fail(AuditFailure.VersionMissing, $"leaf {leaf} is missing from the export (its version was deleted or moved)");
}
