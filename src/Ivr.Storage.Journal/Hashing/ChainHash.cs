using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ivr.Storage.Json;

namespace Ivr.Storage.Journal.Hashing;

/// <summary>
/// The hash chain over an entity's versions:
/// <c>hash(n) = SHA-256(hash(n-1) ‖ canonical metadata ‖ SHA-256(canonical payload))</c>, with
/// <c>hash(0)</c> = 32 zero bytes and canonical meaning RFC 8785. Every input can be recomputed from what
/// PostgreSQL returns, so verification needs nothing but the journal.
/// </summary>
public static class ChainHash
{
    /// <summary>The "previous hash" of version 1.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[32];

    /// <summary>Format of <c>committedAt</c> in the canonical metadata: UTC, exactly microseconds.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Computes the hash of <paramref name="record"/> from its content and <see cref="JournalRecord.PreviousHash"/>.</summary>
    public static byte[] Compute(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Span<byte> payloadHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(record.Payload ?? "null"), payloadHash);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(record.PreviousHash);
        hash.AppendData(CanonicalMetadata(record));
        hash.AppendData(payloadHash);
        return hash.GetHashAndReset();
    }

    /// <summary>The metadata part of the hash input, as canonical JSON bytes. Absent values are left out.</summary>
    public static byte[] CanonicalMetadata(JournalRecord record)
    {
        var metadata = new JsonObject
        {
            ["type"] = record.Key.Type,
            ["id"] = record.Key.Id,
            ["version"] = record.Version,
            ["kind"] = record.Kind.ToString().ToLowerInvariant(),
            ["committedAt"] = record.CommittedAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture),
            ["source"] = record.Provenance.Source,
        };
        AddIfPresent(metadata, "correlationId", record.Provenance.CorrelationId);
        AddIfPresent(metadata, "causationId", record.Provenance.CausationId);
        AddIfPresent(metadata, "actor", record.Provenance.Actor);
        AddIfPresent(metadata, "reason", record.Provenance.Reason);
        AddIfPresent(metadata, "idempotencyKey", record.IdempotencyKey);
        if (record.SchemaVersion is { } schemaVersion)
        {
            metadata["schemaVersion"] = schemaVersion;
        }

        if (record.Tags is { Count: > 0 } tags)
        {
            var tagObject = new JsonObject();
            foreach (var (name, value) in tags)
            {
                tagObject[name] = value;
            }

            metadata["tags"] = tagObject;
        }

        // Writes validate provenance and tags before hashing; anything that still has no canonical form is bad input.
        return JsonBoundary.Call(CanonicalJson.Serialize, metadata);
    }

    private static void AddIfPresent(JsonObject metadata, string name, string? value)
    {
        if (value is not null)
        {
            metadata[name] = value;
        }
    }
}
