using System.Text.Json;
using Ivr.Storage.Contracts;
using Ivr.Storage.Json;
using Npgsql;

namespace Ivr.Storage.Journal;

/// <summary>Turns a row selected with <see cref="JournalSql.Columns"/> into a <see cref="JournalRecord"/>.</summary>
internal static class JournalRowReader
{
    public static JournalRecord Read(NpgsqlDataReader reader)
    {
        var payloadText = reader.IsDBNull(4) ? null : reader.GetString(4);
        var tagsText = reader.IsDBNull(14) ? null : reader.GetString(14);
        return new JournalRecord
        {
            Key = EntityKey.FromStorage(reader.GetString(0), reader.GetString(1)),
            Version = reader.GetInt64(2),
            Kind = (ChangeKind)reader.GetInt16(3),
            // Rows since migration 0006 hold the canonical text that was hashed; older rows hold jsonb's text form
            // (keys reordered, numbers as numeric). Canonicalizing every row returns both byte-for-byte as hashed;
            // for new rows it repeats work the write already did (the price of not marking which rows are old).
            Payload = payloadText is null ? null : JsonBoundary.Call(CanonicalJson.Canonicalize, payloadText),
            CommittedAt = new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
            Provenance = new Provenance
            {
                Source = reader.GetString(6),
                CorrelationId = NullableString(reader, 7),
                CausationId = NullableString(reader, 8),
                Actor = NullableString(reader, 9),
                Reason = NullableString(reader, 10),
            },
            IdempotencyKey = NullableString(reader, 11),
            RequestHash = reader.IsDBNull(12) ? null : reader.GetFieldValue<byte[]>(12),
            SchemaVersion = reader.IsDBNull(13) ? null : reader.GetInt32(13),
            Tags = tagsText is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(tagsText),
            PreviousHash = reader.GetFieldValue<byte[]>(15),
            Hash = reader.GetFieldValue<byte[]>(16),
            Position = reader.GetInt64(17),
        };
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
