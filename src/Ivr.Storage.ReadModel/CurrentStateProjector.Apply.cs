using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Storage.ReadModel;

public sealed partial class CurrentStateProjector
{
    private async Task UpsertEntitiesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<FeedEntry> batch, CancellationToken cancellationToken)
    {
        // One row per entity per statement: ON CONFLICT may not touch a row twice, and only the latest version matters.
        var latest = new Dictionary<EntityKey, FeedEntry>();
        foreach (var entry in batch)
        {
            if (!latest.TryGetValue(entry.Record.Key, out var seen) || seen.Record.Version < entry.Record.Version)
            {
                latest[entry.Record.Key] = entry;
            }
        }

        var rows = latest.Values.Select(e => e.Record).ToArray();
        var shown = new (string? Payload, int? SchemaVersion)[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            shown[i] = await ShowAsync(rows[i]);
        }

        await using var upsert = new NpgsqlCommand(ReadModelSql.UpsertEntities(_generation), connection, transaction);
        upsert.Parameters.Add(Array(rows.Select(r => r.Key.Type).ToArray(), NpgsqlDbType.Text));
        upsert.Parameters.Add(Array(rows.Select(r => r.Key.Id).ToArray(), NpgsqlDbType.Text));
        upsert.Parameters.Add(Array(rows.Select(r => r.Version).ToArray(), NpgsqlDbType.Bigint));
        upsert.Parameters.Add(Array(rows.Select(r => r.Kind == ChangeKind.Delete).ToArray(), NpgsqlDbType.Boolean));
        upsert.Parameters.Add(Array(shown.Select(r => r.Payload).ToArray(), NpgsqlDbType.Jsonb));
        upsert.Parameters.Add(Array(rows.Select(r => r.CommittedAt.UtcDateTime).ToArray(), NpgsqlDbType.TimestampTz));
        upsert.Parameters.Add(Array(rows.Select(r => r.Provenance.Source).ToArray(), NpgsqlDbType.Text));
        upsert.Parameters.Add(Array(shown.Select(r => r.SchemaVersion).ToArray(), NpgsqlDbType.Integer));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task AddStatisticsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<FeedEntry> batch, CancellationToken cancellationToken)
    {
        var buckets = batch
            .GroupBy(e => (e.Record.Key.Type, e.Record.Provenance.Source, Hour: TruncateToHour(e.Record.CommittedAt)))
            .Select(g => (g.Key, Versions: (long)g.Count(), Deletes: (long)g.Count(e => e.Record.Kind == ChangeKind.Delete)))
            .ToArray();
        await using var add = new NpgsqlCommand(ReadModelSql.AddStats(_generation), connection, transaction);
        add.Parameters.Add(Array(buckets.Select(b => b.Key.Type).ToArray(), NpgsqlDbType.Text));
        add.Parameters.Add(Array(buckets.Select(b => b.Key.Source).ToArray(), NpgsqlDbType.Text));
        add.Parameters.Add(Array(buckets.Select(b => b.Key.Hour).ToArray(), NpgsqlDbType.TimestampTz));
        add.Parameters.Add(Array(buckets.Select(b => b.Versions).ToArray(), NpgsqlDbType.Bigint));
        add.Parameters.Add(Array(buckets.Select(b => b.Deletes).ToArray(), NpgsqlDbType.Bigint));
        await add.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTime TruncateToHour(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
