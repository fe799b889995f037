using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Json;
using Ivr.Storage.ReadModel;
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
            await using (var limit = new NpgsqlCommand(ReadModelQuerySql.LimitStatementTime(options.Value.QueryTimeout), connection, transaction))
            {
                await limit.ExecuteNonQueryAsync();
            }

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
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            // statement_timeout: the query was too expensive (or waited for a lock) — the caller's to narrow, not an outage.
            throw new QueryTimeoutException(options.Value.QueryTimeout);
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException($"The read model could not be queried: {ex.Message}");
        }
    }

    /// <summary>
    /// Waits (bounded) until the read model reached <paramref name="minimum"/>, so a caller can read its own write. A
    /// position beyond the change feed's head was never given to any writer and would only be waited for in vain: it
    /// is refused at once. The wait itself happens in the silo's <see cref="ReadModelPositionWatcher"/>.
    /// </summary>
    private async Task WaitForAsync(FeedPosition? minimum)
    {
        if (minimum is not { } wanted)
        {
            return;
        }

        FeedPosition reached;
        try
        {
            await using var connection = await readModel.DataSource.OpenConnectionAsync();
            reached = await ReadPositionAsync(connection);
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException($"The read model could not be queried: {ex.Message}");
        }

        if (reached >= wanted)
        {
            return;
        }

        var head = await feed.ReadHeadAsync();
        if (wanted > head)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "minPosition", $"Position {wanted} is beyond the change feed's head ({head}): no write was acknowledged with it.");
        }

        await watcher.WaitAsync(wanted);
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
                    Payload = reader.IsDBNull(4) ? null : JsonBoundary.Call(CanonicalJson.Canonicalize, reader.GetString(4)),
                    UpdatedAt = new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                    Source = reader.GetString(6),
                    SchemaVersion = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                });
            }

            return items;
        }
    }

    /// <summary>Reads <see cref="ReadModelQuerySql.SearchFacets"/>: the counts by type and by source, and whether a limit cut them short.</summary>
    private static async Task<(Dictionary<string, long> ByType, Dictionary<string, long> BySource, bool Truncated)> ReadFacetsAsync(NpgsqlCommand command, int maxValues)
    {
        await using (command)
        {
            var byType = new Dictionary<string, long>(StringComparer.Ordinal);
            var bySource = new Dictionary<string, long>(StringComparer.Ordinal);
            var truncated = false;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                truncated |= reader.GetBoolean(4);
                if (reader.GetInt64(3) > maxValues)
                {
                    truncated = true;
                    continue;
                }

                (reader.GetInt32(0) == 1 ? byType : bySource)[reader.GetString(1)] = reader.GetInt64(2);
            }

            return (byType, bySource, truncated);
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
