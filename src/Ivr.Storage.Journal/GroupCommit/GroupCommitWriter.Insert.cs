using System.Text.Json;
using Ivr.Storage.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Storage.Journal.GroupCommit;

internal sealed partial class GroupCommitWriter
{
    /// <summary>Writes a batch; returns the feed positions of the rows that went in (a conflicting row is skipped, not failed).</summary>
    private Task<Dictionary<(string Type, string Id, long Version), FeedPosition>> InsertAsync(List<PendingAppend> batch) =>
        batch.Count == 1 ? InsertOneAsync(batch[0].Record) : InsertManyAsync(batch);

    /// <summary>Runs <see cref="JournalSql.AppendOne"/>.</summary>
    private async Task<Dictionary<(string Type, string Id, long Version), FeedPosition>> InsertOneAsync(JournalRecord r)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(JournalSql.AppendOne, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Key.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Key.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.Version });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)r.Kind });
        command.Parameters.Add(Nullable(r.Payload, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = r.CommittedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Provenance.Source });
        command.Parameters.Add(Nullable(r.Provenance.CorrelationId, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(r.Provenance.CausationId, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(r.Provenance.Actor, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(r.Provenance.Reason, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(r.IdempotencyKey, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(r.RequestHash, NpgsqlDbType.Bytea));
        command.Parameters.Add(Nullable(r.SchemaVersion, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(TagsJson(r), NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = r.PreviousHash });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = r.Hash });
        return await ReadInsertedAsync(command, 1).ConfigureAwait(false);
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static string? TagsJson(JournalRecord record) => record.Tags is { Count: > 0 } t ? JsonSerializer.Serialize(t) : null;

    /// <summary>Runs <see cref="JournalSql.AppendBatch"/>.</summary>
    private async Task<Dictionary<(string Type, string Id, long Version), FeedPosition>> InsertManyAsync(List<PendingAppend> batch)
    {
        var count = batch.Count;
        var types = new string[count];
        var ids = new string[count];
        var versions = new long[count];
        var kinds = new short[count];
        var payloads = new string?[count];
        var committedAt = new DateTime[count];
        var sources = new string[count];
        var correlationIds = new string?[count];
        var causationIds = new string?[count];
        var actors = new string?[count];
        var reasons = new string?[count];
        var idempotencyKeys = new string?[count];
        var requestHashes = new byte[]?[count];
        var schemaVersions = new int?[count];
        var tags = new string?[count];
        var previousHashes = new byte[count][];
        var hashes = new byte[count][];

        for (var i = 0; i < count; i++)
        {
            var r = batch[i].Record;
            types[i] = r.Key.Type;
            ids[i] = r.Key.Id;
            versions[i] = r.Version;
            kinds[i] = (short)r.Kind;
            payloads[i] = r.Payload;
            committedAt[i] = r.CommittedAt.UtcDateTime;
            sources[i] = r.Provenance.Source;
            correlationIds[i] = r.Provenance.CorrelationId;
            causationIds[i] = r.Provenance.CausationId;
            actors[i] = r.Provenance.Actor;
            reasons[i] = r.Provenance.Reason;
            idempotencyKeys[i] = r.IdempotencyKey;
            requestHashes[i] = r.RequestHash;
            schemaVersions[i] = r.SchemaVersion;
            tags[i] = TagsJson(r);
            previousHashes[i] = r.PreviousHash;
            hashes[i] = r.Hash;
        }

        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(JournalSql.AppendBatch, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = versions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = kinds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = committedAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = sources, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = correlationIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = causationIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = actors, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = reasons, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = idempotencyKeys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = requestHashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = schemaVersions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = tags, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = previousHashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });

        return await ReadInsertedAsync(command, count).ConfigureAwait(false);
    }

    /// <summary>The feed positions of the rows the statement's RETURNING names: the rows that went in.</summary>
    private static async Task<Dictionary<(string Type, string Id, long Version), FeedPosition>> ReadInsertedAsync(NpgsqlCommand command, int count)
    {
        var inserted = new Dictionary<(string, string, long), FeedPosition>(count);
        using var warnings = UnconfirmedCommitException.Observe(command.Connection!);
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                // One statement, one transaction: every row shares the transaction id.
                var transaction = ulong.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture);
                inserted[(reader.GetString(0), reader.GetString(1), reader.GetInt64(2))] = new FeedPosition(transaction, reader.GetInt64(3));
            }
        }

        // The commit's warning arrives after the rows, before the reader's end: checked once the reader is done.
        warnings.ThrowIfAny();
        return inserted;
    }
}
