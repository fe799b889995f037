using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// One version as the gateway returns it: metadata, provenance, chain hashes and (if asked) the payload;
/// <see cref="ShownAtSchemaVersion"/> is null for the stored payload, else the schema version it was upcast to.
/// </summary>
internal sealed record VersionResponse(
    string Type,
    string Id,
    long Version,
    ChangeKind Kind,
    bool Deleted,
    DateTimeOffset CommittedAt,
    JsonElement? Payload,
    Provenance Provenance,
    string? IdempotencyKey,
    int? SchemaVersion,
    IReadOnlyDictionary<string, string> Tags,
    string PreviousHash,
    string Hash,
    int? ShownAtSchemaVersion)
{
    public static VersionResponse From(VersionRecord record) => new(
        record.Key.Type,
        record.Key.Id,
        record.Version,
        record.Kind,
        record.Deleted,
        record.CommittedAt,
        Json.Embed(record.Payload),
        record.Provenance,
        record.IdempotencyKey,
        record.SchemaVersion,
        record.Tags,
        record.PreviousHash,
        record.Hash,
        record.ShownAtSchemaVersion);
}
