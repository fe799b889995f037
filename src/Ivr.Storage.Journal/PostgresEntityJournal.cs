using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.GroupCommit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ivr.Storage.Journal;

/// <summary>The entity journal on PostgreSQL. Appends go through one <see cref="GroupCommitWriter"/> per silo.</summary>
public sealed partial class PostgresEntityJournal : IEntityJournal, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource? _standbys;
    private readonly JournalMetrics _metrics;
    private readonly JournalOptions _options;
    private readonly GroupCommitWriter _writer;
    private readonly ILogger<PostgresEntityJournal> _logger;

    public PostgresEntityJournal(JournalDataSource dataSource, IOptions<JournalOptions> options, JournalMetrics metrics, ILogger<PostgresEntityJournal> logger)
    {
        _dataSource = dataSource.DataSource;
        _standbys = dataSource.Standbys;
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
        _writer = new GroupCommitWriter(_dataSource, _options, metrics, logger);
    }

    /// <inheritdoc />
    public async Task<AppendOutcome> AppendAsync(JournalRecord record, CancellationToken cancellationToken = default)
    {
        // Not cancellable once queued: the row may commit regardless, and the caller must learn what happened.
        var pending = _writer.Enqueue(record);
        if (await pending.Completion.Task.ConfigureAwait(false) is { } position)
        {
            return new AppendOutcome.Committed(position) { Timing = pending.Timing };
        }

        // The row hit a unique key, and ON CONFLICT DO NOTHING does not say which. A taken idempotency key keeps the
        // row out whatever its version, so it is the fact to report when it holds; otherwise the version was taken.
        if (record.IdempotencyKey is { } idempotencyKey
            && await FindByIdempotencyKeyAsync(record.Key, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new AppendOutcome.IdempotencyKeyUsed(existing);
        }

        return new AppendOutcome.VersionTaken(record.Version);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task<T> Guard<T>(Func<Task<T>> operation, string what)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogReadFailed(_logger, ex, what);
            // No inner exception: this error crosses the cluster to clients, and driver exceptions do not serialize.
            throw new StoreUnavailableException($"The journal could not {what}: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The journal could not {What}")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string what);
}
