using System.Runtime.CompilerServices;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore : IAuditLog
{
    /// <summary>Versions per export page: a page is one grain call of one journal read per type on it and one for all paths.</summary>
    private const int ExportPageSize = 500;

    private IAuditProofGrain Proofs => _grains.GetGrain<IAuditProofGrain>(0);

    /// <inheritdoc />
    public Task<LogHead> GetLatestHeadAsync(CancellationToken cancellationToken = default) =>
        CallAsync(Proofs, retrySafe: true, grain => grain.GetLatestHead(), cancellationToken);

    /// <inheritdoc />
    public Task<VersionInclusionProof> ProveVersionAsync(EntityKey key, long version, long? treeSize = null, CancellationToken cancellationToken = default)
    {
        _ = EntityKey.Create(key.Type, key.Id);
        return CallAsync(Proofs, retrySafe: true, grain => grain.ProveVersion(key, version, treeSize), cancellationToken);
    }

    /// <inheritdoc />
    public Task<LogConsistencyProof> ProveConsistencyAsync(long from, long to, CancellationToken cancellationToken = default) =>
        CallAsync(Proofs, retrySafe: true, grain => grain.ProveConsistency(from, to), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditExportPage> ExportAsync(
        string? type = null, long from = 0, long? to = null, long? treeSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Every page after the first names the first page's head and end, so the export is against one head.
        var page = await CallAsync(Proofs, retrySafe: true, grain => grain.ExportPage(type, treeSize, from, to, ExportPageSize), cancellationToken);
        yield return page;
        while (page.Next < page.To)
        {
            var (size, next, end) = (page.Head.TreeSize, page.Next, page.To);
            page = await CallAsync(Proofs, retrySafe: true, grain => grain.ExportPage(type, size, next, end, ExportPageSize), cancellationToken);
            yield return page;
        }
    }
}
