using Npgsql;

namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>A committed version of the scenario's types, read from the journal by SQL.</summary>
public sealed record JournalVersion(string Type, string Id, long Version, string Hash, string? CausationId)
{
    /// <summary>The relay's message id for it (the CloudEvent id).</summary>
    public string MessageId => $"{Type}/{Id}@{Version}";

    public string Subject => $"{Type}/{Id}";

    public static async Task<IReadOnlyList<JournalVersion>> ReadAsync(string connectionString, IReadOnlyList<string> types)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT entity_type, entity_id, version, encode(hash, 'hex'), causation_id FROM ivr.journal WHERE entity_type = ANY($1) ORDER BY entity_type, entity_id, version",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = types.ToArray() });
        var rows = new List<JournalVersion>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new JournalVersion(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }
}
