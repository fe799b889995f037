using Ivr.Storage.Contracts;
using Npgsql;

namespace Ivr.Storage.Grains.ReadModel;

internal sealed partial class ReadModelQueryGrain
{
    private async Task<T> InSnapshotAsync<T>(Func<NpgsqlConnection, FeedPosition, Task<T>> query, Func<FeedPosition, T> empty)
    {
        try
        {
            await using var connection = await readModel.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            var position = await ReadPositionAsync(connection);
            var result = await query(connection, position);
            await transaction.CommitAsync();
            return result;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No projection has run yet, so the read model's views do not exist: nothing to show.
            return empty(FeedPosition.Start);
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException($"The read model could not be queried: {ex.Message}");
        }
    }

    /// <summary>Waits (bounded) until the read model reached <paramref name="minimum"/>, so a caller can read its own write.</summary>
    private async Task WaitForAsync(FeedPosition? minimum)
    {
        if (minimum is not { } wanted)
        {
            return;
        }

        // Elapsed real time, not the entity clock: this bounds a wait, it stamps nothing.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var reached = FeedPosition.Start;
        while (waited.Elapsed < options.Value.MinPositionWait)
        {
            await using (var connection = await readModel.DataSource.OpenConnectionAsync())
            {
                reached = await ReadPositionAsync(connection);
            }

            if (reached >= wanted)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new StoreUnavailableException($"The read model has reached position {reached}, not yet {wanted}; retry shortly.");
    }

    private static async Task<FeedPosition> ReadPositionAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand(ReadModelQuerySql.Position, connection);
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? new FeedPosition((ulong)reader.GetInt64(0), reader.GetInt64(1)) : FeedPosition.Start;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return FeedPosition.Start;
        }
    }

    private static async Task<List<ReadModelEntity>> ReadEntitiesAsync(NpgsqlCommand command)
    {
        await using (command)
        {
            var items = new List<ReadModelEntity>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                items.Add(new ReadModelEntity
                {
                    Key = EntityKey.FromStorage(reader.GetString(0), reader.GetString(1)),
                    Version = reader.GetInt64(2),
                    Deleted = reader.GetBoolean(3),
                    Payload = reader.IsDBNull(4) ? null : Json.CanonicalJson.Canonicalize(reader.GetString(4)),
                    UpdatedAt = new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                    Source = reader.GetString(6),
                });
            }

            return items;
        }
    }

    private static async Task<Dictionary<string, long>> ReadCountsAsync(NpgsqlCommand command)
    {
        await using (command)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            return counts;
        }
    }
}
