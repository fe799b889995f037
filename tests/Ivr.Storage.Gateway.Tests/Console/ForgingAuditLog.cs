using Ivr.Storage.Client;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>The store's audit log with its proofs rewritten by <see cref="Forge"/>: what a compromised store could answer.</summary>
internal sealed class ForgingAuditLog(IAuditLog inner, Func<IAuditLog, VersionInclusionProof, Task<VersionInclusionProof>> forge) : IAuditLog
{
    private Func<IAuditLog, VersionInclusionProof, Task<VersionInclusionProof>> Forge { get; } = forge;

    public Task<LogHead> GetLatestHeadAsync(CancellationToken cancellationToken = default) => inner.GetLatestHeadAsync(cancellationToken);

    public async Task<VersionInclusionProof> ProveVersionAsync(EntityKey key, long version, long? treeSize = null, CancellationToken cancellationToken = default) =>
        await Forge(inner, await inner.ProveVersionAsync(key, version, treeSize, cancellationToken));

    public Task<LogConsistencyProof> ProveConsistencyAsync(long from, long to, CancellationToken cancellationToken = default) =>
        inner.ProveConsistencyAsync(from, to, cancellationToken);

    public IAsyncEnumerable<AuditExportPage> ExportAsync(string? type = null, long from = 0, long? to = null, long? treeSize = null, CancellationToken cancellationToken = default) =>
        inner.ExportAsync(type, from, to, treeSize, cancellationToken);
}
