using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal;

/// <summary>One row of <c>ivr.journal</c>: an immutable version of one entity.</summary>
public sealed record JournalRecord
{
    public required EntityKey Key { get; init; }

    public required long Version { get; init; }

    public required ChangeKind Kind { get; init; }

    /// <summary>Canonical JSON (RFC 8785) of the state after this version; null for a delete, or when a query left payloads out.</summary>
    public string? Payload { get; init; }

    /// <summary>Commit time, truncated to PostgreSQL's microsecond precision so that it hashes the same after a round trip.</summary>
    public required DateTimeOffset CommittedAt { get; init; }

    public required Provenance Provenance { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 fingerprint of the request that carried <see cref="IdempotencyKey"/>.</summary>
    public byte[]? RequestHash { get; init; }

    public int? SchemaVersion { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public required byte[] PreviousHash { get; init; }

    public required byte[] Hash { get; init; }

    /// <summary>Insert position, assigned by PostgreSQL; 0 before the row is written.</summary>
    public long Position { get; init; }

    public VersionRecord ToVersionRecord() => new()
    {
        Key = Key,
        Version = Version,
        Kind = Kind,
        Payload = Payload,
        CommittedAt = CommittedAt,
        Provenance = Provenance,
        IdempotencyKey = IdempotencyKey,
        SchemaVersion = SchemaVersion,
        Tags = Tags ?? new Dictionary<string, string>(),
        PreviousHash = Convert.ToHexStringLower(PreviousHash),
        Hash = Convert.ToHexStringLower(Hash),
    };
}
