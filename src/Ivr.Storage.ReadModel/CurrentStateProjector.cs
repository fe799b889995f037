using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Npgsql;

namespace Ivr.Storage.ReadModel;

/// <summary>
/// Projects the change feed into the current-state read model: one row per entity plus hourly statistics.
/// Each batch (changes, statistics and the checkpoint) commits in one transaction and only while this instance's
/// epoch is current, so the read model is exactly the feed up to the checkpoint, whatever crashed or ran twice.
/// </summary>
/// <remarks>
/// With an <see cref="IProjectionUpcaster"/>, rows hold payloads upcast to their type's latest schema version and the
/// version shown (<c>schema_version</c>); when the feed brings a new schema version of a type, the same batch
/// re-projects that type's older rows (<c>ReprojectAsync</c>), so a schema change and its re-projection commit together.
/// </remarks>
public sealed partial class CurrentStateProjector(
    NpgsqlDataSource readModel, IChangeFeedSource feed, string name, TimeProvider clock, int initialGeneration = 1, bool servesQueries = true, IProjectionUpcaster? upcaster = null)
{
    private long _epoch;
    private int _generation;
    private FeedPosition _checkpoint;
    private DateTimeOffset? _lastCommittedAt;
    private double _lagSeconds;

    public string Name => name;

    /// <summary>Test hook: runs after the batch's rows are written and before its checkpoint moves.</summary>
    internal Func<Task>? BeforeCheckpoint { get; set; }

    public ProjectionStatus Status => new() { Name = name, Generation = _generation, Position = _checkpoint, LastCommittedAt = _lastCommittedAt, LagSeconds = _lagSeconds };

    /// <summary>Claims the projection (fencing any older instance) and makes sure its tables exist.</summary>
    public async Task ClaimAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await readModel.OpenConnectionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand(ReadModelSql.Claim, connection))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = initialGeneration });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            _epoch = reader.GetInt64(0);
            _generation = reader.GetInt32(1);
            _checkpoint = new FeedPosition((ulong)reader.GetInt64(2), reader.GetInt64(3));
            _lastCommittedAt = reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero);
        }

        await new NpgsqlCommand(ReadModelSql.CreateGeneration(_generation), connection).ExecuteNonQueryAsync(cancellationToken);
        if (servesQueries)
        {
            await new NpgsqlCommand(ReadModelSql.PointViewsAt(_generation), connection).ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Applies the next batch of at most <paramref name="batchSize"/> changes; returns how many it applied.</summary>
    /// <exception cref="ProjectionFencedException">A newer instance owns the projection.</exception>
    public async Task<int> RunOnceAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        var batch = await feed.ReadAsync(_checkpoint, batchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var last = batch[^1];
        await using var connection = await readModel.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        NoteSchemaVersions(batch);
        await UpsertEntitiesAsync(connection, transaction, batch, cancellationToken);
        await ReprojectAsync(connection, transaction, batch, cancellationToken);
        await AddStatisticsAsync(connection, transaction, batch, cancellationToken);
        if (BeforeCheckpoint is { } hook)
        {
            await hook();
        }

        await using (var advance = new NpgsqlCommand(ReadModelSql.Advance, connection, transaction))
        {
            advance.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _epoch });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checked((long)last.Position.Transaction) });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = last.Position.Position });
            advance.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = last.Record.CommittedAt.UtcDateTime });
            if (await advance.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new ProjectionFencedException(name, _epoch);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        _checkpoint = last.Position;
        _lastCommittedAt = last.Record.CommittedAt;
        _lagSeconds = (clock.GetUtcNow() - last.Record.CommittedAt).TotalSeconds;
        return batch.Count;
    }

    /// <summary>Runs batches until the feed has nothing more (bounded by <paramref name="maxBatches"/>).</summary>
    public async Task<int> CatchUpAsync(int batchSize, int maxBatches = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var total = 0;
        for (var i = 0; i < maxBatches; i++)
        {
            var applied = await RunOnceAsync(batchSize, cancellationToken);
            if (applied == 0)
            {
                break;
            }

            total += applied;
        }

        return total;
    }
}
