using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// Evidence from the transparency log (issue 21): signed heads and proofs. Check them with Ivr.Storage.Audit (or the
/// <c>ivr-storage-verify</c> tool) against heads kept outside the store; an answer from here proves nothing by itself.
/// </summary>
public interface IAuditLog
{
    /// <summary>The newest signed head.</summary>
    /// <exception cref="StoreUnavailableException">No head was signed yet.</exception>
    Task<LogHead> GetLatestHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The inclusion proof of a version in the head of <paramref name="treeSize"/> (default: the latest head).</summary>
    /// <exception cref="EntityNotFoundException">The version is not in the log, or not in that head.</exception>
    /// <exception cref="EntityValidationException">No head of that size (field <c>treeSize</c>).</exception>
    Task<VersionInclusionProof> ProveVersionAsync(EntityKey key, long version, long? treeSize = null, CancellationToken cancellationToken = default);

    /// <summary>The proof that the head of <paramref name="to"/> extends the head of <paramref name="from"/>.</summary>
    /// <exception cref="EntityValidationException">No head of one of the sizes, or the sizes are out of order.</exception>
    Task<LogConsistencyProof> ProveConsistencyAsync(long from, long to, CancellationToken cancellationToken = default);

    /// <summary>
    /// An export for auditors: the versions of <paramref name="type"/> (every type when null) among leaves
    /// <paramref name="from"/> to <paramref name="to"/> (default: the head's size) of the head of
    /// <paramref name="treeSize"/> (default: the latest), page by page in log order, every page against that one head
    /// (the first page is yielded even when empty). Check it with <c>ivr-storage-verify export</c>.
    /// </summary>
    /// <exception cref="EntityValidationException">No head of that size or the range is outside it (fields <c>treeSize</c>, <c>from</c>, <c>to</c>), or a bad type.</exception>
    IAsyncEnumerable<AuditExportPage> ExportAsync(string? type = null, long from = 0, long? to = null, long? treeSize = null, CancellationToken cancellationToken = default);
}
