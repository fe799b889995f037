using Ivr.Storage.Contracts;
using Ivr.Storage.Json;
using Npgsql;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>Reads the read model's current state of one entity type by direct SQL as the superuser, like <see cref="JournalReader"/>.</summary>
public static class ReadModelReader
{
    // The view the queries use, so the check sees whichever generation serves them.
    private const string EntitiesSql =
        """
        SELECT entity_id, version, deleted, payload::text
          FROM ivr_read.entities
         WHERE entity_type = $1
        """;

    /// <summary>Every read-model row of <paramref name="entityType"/>; empty while the projection has not created its view yet.</summary>
    public static async Task<IReadOnlyList<ReadModelRow>> ReadAsync(string adminConnectionString, string entityType)
    {
        await using var connection = await CheckerConnections.OpenAsync(adminConnectionString);
        await using var command = new NpgsqlCommand(EntitiesSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entityType });
        var rows = new List<ReadModelRow>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var payload = reader.IsDBNull(3) ? null : CanonicalJson.Canonicalize(reader.GetString(3));
                rows.Add(new ReadModelRow(EntityKey.Create(entityType, reader.GetString(0)), reader.GetInt64(1), reader.GetBoolean(2), payload));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The projection creates the view when it first claims the read model.
        }

        return rows;
    }
}
