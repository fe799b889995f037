namespace Ivr.Storage.Contracts;

/// <summary>Proofs from the transparency log (issue 21); a stateless worker on every silo.</summary>
[Alias("ivr.IAuditProofGrain")]
public interface IAuditProofGrain : IGrainWithIntegerKey
{
    /// <summary>The newest signed head.</summary>
    /// <exception cref="StoreUnavailableException">No head was signed yet (the log is off or has not caught up).</exception>
    [Alias("latest-head")]
    Task<LogHead> GetLatestHead();

    /// <summary>The proof of a version in the head of <paramref name="treeSize"/> (default: the latest head).</summary>
    /// <exception cref="EntityNotFoundException">The version is not in the log, or not in that head.</exception>
    /// <exception cref="EntityValidationException">No head of that size (field <c>treeSize</c>).</exception>
    [Alias("prove-version")]
    Task<VersionInclusionProof> ProveVersion(EntityKey key, long version, long? treeSize);

    /// <summary>The proof that the head of <paramref name="to"/> extends the head of <paramref name="from"/>.</summary>
    /// <exception cref="EntityValidationException">No head of one of the sizes, or <paramref name="from"/> is not in 1..<paramref name="to"/> (fields <c>from</c>, <c>to</c>).</exception>
    [Alias("prove-consistency")]
    Task<LogConsistencyProof> ProveConsistency(long from, long to);

    /// <summary>
    /// Up to <paramref name="limit"/> versions of <paramref name="type"/> (every type when null) among leaves
    /// <paramref name="from"/> to <paramref name="to"/> (default: the head's size) of the head of
    /// <paramref name="treeSize"/> (default: the latest), each with its inclusion path.
    /// </summary>
    /// <exception cref="EntityValidationException">No head of that size, the range is outside it, or the limit is not 1..1000 (fields <c>treeSize</c>, <c>from</c>, <c>to</c>, <c>limit</c>).</exception>
    [Alias("export-page")]
    Task<AuditExportPage> ExportPage(string? type, long? treeSize, long from, long? to, int limit);
}
