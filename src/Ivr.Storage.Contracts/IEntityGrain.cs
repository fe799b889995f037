using Orleans.Concurrency;

namespace Ivr.Storage.Contracts;

/// <summary>
/// One stored entity. The grain key is <see cref="EntityKey.ToGrainKey"/>.
/// Writes are acknowledged only after PostgreSQL committed the new version.
/// </summary>
[Alias("ivr.IEntityGrain")]
// Reads are [AlwaysInterleave]: they touch only committed, immutable journal rows and the head
// reference, which a write replaces in one assignment after PostgreSQL confirmed the commit. So a read
// never sees an unacknowledged version, and it never waits behind a write's database round trip.
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the payload (a JSON object).</summary>
    [Alias("put")]
    Task<WriteResult> Put(string payload, WriteOptions options);

    /// <summary>Applies a JSON Merge Patch (RFC 7396) to the current payload.</summary>
    [Alias("patch")]
    Task<WriteResult> Patch(string mergePatch, WriteOptions options);

    /// <summary>Writes a tombstone version. History stays; a later put continues the numbering.</summary>
    [Alias("delete")]
    Task<WriteResult> Delete(WriteOptions options);

    /// <summary>Writes a new version whose payload equals that of <paramref name="version"/>.</summary>
    [Alias("revert")]
    Task<WriteResult> Revert(long version, WriteOptions options);

    /// <summary>The current state, deleted or not.</summary>
    /// <exception cref="EntityNotFoundException">The entity was never written.</exception>
    [Alias("get"), AlwaysInterleave]
    Task<EntityState> GetCurrent();

    /// <summary>One version, with payload.</summary>
    [Alias("get-version"), AlwaysInterleave]
    Task<VersionRecord> GetVersion(long version);

    /// <summary>The version in effect at <paramref name="asOf"/> (the latest committed at or before it).</summary>
    [Alias("get-as-of"), AlwaysInterleave]
    Task<VersionRecord> GetAsOf(DateTimeOffset asOf);

    /// <summary>One page of history.</summary>
    [Alias("history"), AlwaysInterleave]
    Task<HistoryPage> GetHistory(HistoryQuery query);

    /// <summary>The JSON Patch that turns version <paramref name="fromVersion"/> into <paramref name="toVersion"/>.</summary>
    [Alias("diff"), AlwaysInterleave]
    Task<DiffResult> Diff(long fromVersion, long toVersion);

    /// <summary>Recomputes the whole hash chain from the journal.</summary>
    [Alias("verify"), AlwaysInterleave]
    Task<VerificationResult> Verify();
}
