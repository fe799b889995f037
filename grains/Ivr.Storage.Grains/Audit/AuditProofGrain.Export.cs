using Ivr.Storage.AuditLog;
using Ivr.Storage.Contracts;

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

        var items = new List<ExportedVersion>(page.Items.Count);
        foreach (var item in page.Items)
        {
            // The version as the journal holds it now, beside the log's path: a rewritten row no longer matches its leaf,
            // and a deleted one leaves a gap the auditor's check names. Neither is hidden nor repaired here.
            var record = await journal.ReadVersionAsync(EntityKey.Create(item.Leaf.Type, item.Leaf.Id), item.Leaf.Version);
            if (record is not null)
            {
                items.Add(new ExportedVersion(record.ToVersionRecord(), item.Proof.LeafIndex, [.. item.Proof.Path]));
            }
        }

        return new AuditExportPage(ToContract(page.Head), page.To, [.. items], page.Next);
    }
}
