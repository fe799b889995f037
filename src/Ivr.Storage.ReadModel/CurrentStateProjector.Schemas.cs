using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Feed;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Storage.ReadModel;

public sealed partial class CurrentStateProjector
{
    /// <summary>The newest schema version of each type met in the feed: rows projected after it are shown at least at it.</summary>
    private readonly Dictionary<string, long> _schemaVersions = new(StringComparer.Ordinal);

    private void NoteSchemaVersions(IReadOnlyList<FeedEntry> batch)
    {
        foreach (var record in batch.Select(entry => entry.Record).Where(record => record.Key.IsSchema && record.Kind != ChangeKind.Delete))
        {
            if (!_schemaVersions.TryGetValue(record.Key.Id, out var known) || known < record.Version)
            {
                _schemaVersions[record.Key.Id] = record.Version;
            }
        }
    }

    private async ValueTask<(string? Payload, int? SchemaVersion)> ShowAsync(JournalRecord record)
    {
        if (record.Payload is not { } payload || upcaster is null || record.Key.IsSchema)
        {
            return (record.Payload, record.SchemaVersion);
        }

        long? atLeast = _schemaVersions.TryGetValue(record.Key.Type, out var seen) ? seen : null;
        return await upcaster.ShowAsync(record.Key, record.Version, payload, record.SchemaVersion, atLeast);
    }

    /// <summary>
    /// Re-projects, in the batch's transaction, the rows of each type whose new schema version this batch brings: a row
    /// shown at an older version is upcast from it (upcasters compose, so upcasting the shown form equals upcasting the
    /// stored one). The rows come from the read model itself; the journal is not read. Rows whose version is unknown
    /// (null: projected before the column existed) are left as they are; a rebuild fills them.
    /// </summary>
    private async Task ReprojectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<FeedEntry> batch, CancellationToken cancellationToken)
    {
        if (upcaster is null)
        {
            return;
        }

        var types = batch.Select(entry => entry.Record).Where(record => record.Key.IsSchema && record.Kind != ChangeKind.Delete)
            .Select(record => record.Key.Id).Distinct(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var latest = _schemaVersions[type];
            var ids = new List<string>();
            var payloads = new List<string>();
            var versions = new List<int>();
            await using (var older = new NpgsqlCommand(ReadModelSql.OlderShapes(_generation), connection, transaction))
            {
                older.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
                older.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)latest) });
                await using var reader = await older.ExecuteReaderAsync(cancellationToken);
                var rows = new List<(string Id, long Version, string Payload, int Shown)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3)));
                }

                await reader.DisposeAsync();
                foreach (var row in rows)
                {
                    var (payload, version) = await upcaster.ShowAsync(EntityKey.Create(type, row.Id), row.Version, row.Payload, row.Shown, latest);
                    ids.Add(row.Id);
                    payloads.Add(payload);
                    versions.Add(version);
                }
            }

            if (ids.Count == 0)
            {
                continue;
            }

            await using var reshape = new NpgsqlCommand(ReadModelSql.Reshape(_generation), connection, transaction);
            reshape.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
            reshape.Parameters.Add(Array(ids.ToArray(), NpgsqlDbType.Text));
            reshape.Parameters.Add(Array(payloads.ToArray(), NpgsqlDbType.Jsonb));
            reshape.Parameters.Add(Array(versions.ToArray(), NpgsqlDbType.Integer));
            await reshape.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
