using System.Globalization;
using System.Text.Json;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Json;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>
/// Reads what the checker compares against: the journal rows of one entity type by direct SQL as the superuser
/// (not through the cluster under test), and the whole change feed through the journal's own feed reader.
/// </summary>
public static class JournalReader
{
    private const string Columns =
        """
        entity_type, entity_id, version, kind, payload::text, committed_at, source, correlation_id, causation_id,
        actor, reason, idempotency_key, request_hash, schema_version, tags::text, prev_hash, hash, position, tx_id::text
        """;

    private const string RowsSql =
        $"""
        SELECT {Columns}
          FROM ivr.journal
         WHERE $1::text IS NULL OR entity_type = $1
         ORDER BY entity_type, entity_id, version
        """;

    // The primary key (entity_type, entity_id, version) serves this without reading older versions' payloads.
    private const string LatestRowsSql =
        $"""
        SELECT DISTINCT ON (entity_type, entity_id) {Columns}
          FROM ivr.journal
         WHERE $1::text IS NULL OR entity_type = $1
         ORDER BY entity_type, entity_id, version DESC
        """;

    /// <summary>Every row of <paramref name="entityType"/>, or of the whole journal when it is null.</summary>
    public static Task<IReadOnlyList<JournalRow>> ReadRowsAsync(string adminConnectionString, string? entityType) =>
        ReadAsync(adminConnectionString, RowsSql, entityType);

    /// <summary>The latest row of every entity of <paramref name="entityType"/> (what a current-state read model must show).</summary>
    public static Task<IReadOnlyList<JournalRow>> ReadLatestRowsAsync(string adminConnectionString, string entityType) =>
        ReadAsync(adminConnectionString, LatestRowsSql, entityType);

    private static async Task<IReadOnlyList<JournalRow>> ReadAsync(string adminConnectionString, string sql, string? entityType)
    {
        await using var connection = await CheckerConnections.OpenAsync(adminConnectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entityType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<JournalRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = reader.IsDBNull(4) ? null : CanonicalJson.Canonicalize(reader.GetString(4));
            var record = new JournalRecord
            {
                Key = EntityKey.Create(reader.GetString(0), reader.GetString(1)),
                Version = reader.GetInt64(2),
                Kind = (ChangeKind)reader.GetInt16(3),
                Payload = payload,
                CommittedAt = new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                Provenance = new Provenance
                {
                    Source = reader.GetString(6),
                    CorrelationId = Text(reader, 7),
                    CausationId = Text(reader, 8),
                    Actor = Text(reader, 9),
                    Reason = Text(reader, 10),
                },
                IdempotencyKey = Text(reader, 11),
                RequestHash = reader.IsDBNull(12) ? null : reader.GetFieldValue<byte[]>(12),
                SchemaVersion = reader.IsDBNull(13) ? null : reader.GetInt32(13),
                Tags = reader.IsDBNull(14) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(14)),
                PreviousHash = reader.GetFieldValue<byte[]>(15),
                Hash = reader.GetFieldValue<byte[]>(16),
                Position = reader.GetInt64(17),
            };
            var position = new FeedPosition(ulong.Parse(reader.GetString(18), CultureInfo.InvariantCulture), record.Position);
            rows.Add(new JournalRow(record, position) { PayloadRequestId = RequestIdOf(payload) });
        }

        return rows;
    }

    public static async Task<long> CountRowsAsync(string adminConnectionString)
    {
        await using var connection = await CheckerConnections.OpenAsync(adminConnectionString);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM ivr.journal", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The whole change feed from <see cref="FeedPosition.Start"/>, page by page. Reads again (bounded) until it
    /// holds <paramref name="expectedRows"/> changes, since the feed only shows transactions below the horizon.
    /// </summary>
    public static async Task<IReadOnlyList<FeedItem>> ReadFeedAsync(string adminConnectionString, long expectedRows, TimeSpan bound)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Journal"] = CheckerConnections.Unpooled(adminConnectionString) })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddEntityJournal()
            .BuildServiceProvider();
        var journal = services.GetRequiredService<PostgresEntityJournal>();
        List<FeedItem> feed = [];
        await Eventually.TryAsync(
            async () =>
            {
                feed = [];
                var after = FeedPosition.Start;
                // Bounded: one page more than the rows can fill, plus slack for rows committed meanwhile.
                for (var page = 0; page <= (expectedRows / IChangeFeedGrain.MaxPageSize) + 100; page++)
                {
                    var entries = await journal.ReadAsync(after, IChangeFeedGrain.MaxPageSize);
                    if (entries.Count == 0)
                    {
                        break;
                    }

                    feed.AddRange(entries.Select(e => new FeedItem(e.Record.Key, e.Record.Version, e.Position)));
                    after = entries[^1].Position;
                }

                return feed.Count >= expectedRows;
            },
            bound,
            TimeSpan.FromMilliseconds(500));
        return feed;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string? RequestIdOf(string? payload)
    {
        if (payload is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(payload);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("req", out var req) && req.ValueKind == JsonValueKind.String
            ? req.GetString()
            : null;
    }
}
