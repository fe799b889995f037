using Ivr.Storage.AuditLog;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;

namespace Ivr.Storage.Grains.Audit;

internal sealed partial class AuditProofGrain
{
    /// <summary>The most versions one export page carries; the client pages on.</summary>
    public const int MaxExportPage = 1000;

    public async Task<AuditExportPage> ExportPage(string? type, long? treeSize, long from, long? to, int limit)
    {
        if (type is not null)
        {
            // Validates the type as a key's type (field "type"); an export of one type is that type's history.
            _ = EntityKey.ForSchema(type);
        }

        if (limit is < 1 or > MaxExportPage)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "limit", $"An export page holds 1 to {MaxExportPage} versions; got {limit}.");
        }

        if (treeSize is < 1)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "treeSize", "A tree size is 1 or more.");
        }

        LeafPage page;
        try
        {
            page = await Reader.LeavesAsync(type, treeSize, from, to, limit);
        }
        catch (ProofUnavailableException e)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, e.Field ?? "treeSize", e.Message);
        }

        // The versions as the journal holds them now, beside the log's paths: a rewritten row no longer matches its leaf,
        // and a deleted one leaves a gap the auditor's check names. Neither is hidden nor repaired here. One read per
        // type on the page (usually one), not one per version: the paths came in one read too (LeavesAsync).
        var records = await ReadVersionsAsync(page.Items);
        var items = new List<ExportedVersion>(page.Items.Count);
        foreach (var item in page.Items)
        {
            if (records.TryGetValue((item.Leaf.Type, item.Leaf.Id, item.Leaf.Version), out var record))
            {
                items.Add(new ExportedVersion(record.ToVersionRecord(), item.Proof.LeafIndex, [.. item.Proof.Path]));
            }
        }

        return new AuditExportPage(ToContract(page.Head), page.To, [.. items], page.Next);
    }

    private async Task<Dictionary<(string Type, string Id, long Version), JournalRecord>> ReadVersionsAsync(IReadOnlyList<VersionProof> items)
    {
        var records = new Dictionary<(string, string, long), JournalRecord>(items.Count);
        foreach (var ofType in items.GroupBy(i => i.Leaf.Type, StringComparer.Ordinal))
        {
            var wanted = ofType.Select(i => (i.Leaf.Id, i.Leaf.Version)).ToList();
            foreach (var record in await journal.ReadVersionsOfTypeAsync(ofType.Key, wanted))
            {
                records[(record.Key.Type, record.Key.Id, record.Version)] = record;
            }
        }

        return records;
    }
}
