using Ivr.Storage.Journal.Feed;
using Npgsql;

namespace Ivr.Storage.ReadModel;

/// <summary>
/// Rebuilds a projection from position 0 into a new generation of tables while the old generation keeps serving
/// queries, then switches over in one transaction: the views move to the new tables, the live projection continues
/// from the rebuild's checkpoint, and its running instance is fenced (it re-claims and picks up the new generation).
/// </summary>
public static class ProjectionRebuilder
{
    /// <summary>
    /// Runs the rebuild to the end of the feed and switches; returns the new generation. With <paramref name="upcaster"/>
    /// every row is projected in its upcast form (the way to fill rows projected before schema versions were kept).
    /// </summary>
    public static async Task<int> RebuildAsync(
        NpgsqlDataSource readModel, IChangeFeedSource feed, string name, TimeProvider clock, int batchSize = 1000, CancellationToken cancellationToken = default, IProjectionUpcaster? upcaster = null)
    {
        var current = await CurrentGenerationAsync(readModel, name, cancellationToken);
        var next = current + 1;
        var rebuild = new CurrentStateProjector(readModel, feed, $"{name}#g{next}", clock, next, servesQueries: false, upcaster);
        await rebuild.ClaimAsync(cancellationToken);
        await rebuild.CatchUpAsync(batchSize, cancellationToken: cancellationToken);

        await using var connection = await readModel.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockLive = new NpgsqlCommand(ReadModelSql.LockProjection, connection, transaction))
        {
            lockLive.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await lockLive.ExecuteNonQueryAsync(cancellationToken);
        }

        var status = rebuild.Status;
        await using (var switchOver = new NpgsqlCommand(ReadModelSql.SwitchGeneration, connection, transaction))
        {
            switchOver.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            switchOver.Parameters.Add(new NpgsqlParameter<int> { TypedValue = next });
            switchOver.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checked((long)status.Position.Transaction) });
            switchOver.Parameters.Add(new NpgsqlParameter<long> { TypedValue = status.Position.Position });
            switchOver.Parameters.Add(new NpgsqlParameter { Value = (object?)status.LastCommittedAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            await switchOver.ExecuteNonQueryAsync(cancellationToken);
        }

        await new NpgsqlCommand(ReadModelSql.PointViewsAt(next), connection, transaction).ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    private static async Task<int> CurrentGenerationAsync(NpgsqlDataSource readModel, string name, CancellationToken cancellationToken)
    {
        await using var command = readModel.CreateCommand("SELECT generation FROM ivr_read.projections WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return await command.ExecuteScalarAsync(cancellationToken) is int generation ? generation : 1;
    }
}
