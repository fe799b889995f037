using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// One stored entity. Holds the head of the version chain in memory; the chain itself lives in the journal.
/// Activation loads only the head. Writes append one row and are acknowledged after PostgreSQL committed it;
/// the journal's unique keys fence a duplicate activation (see <see cref="ExecuteWriteAsync"/>).
/// </summary>
internal sealed partial class EntityGrain(
    IEntityJournal journal,
    EntityClock clock,
    IOptions<EntityGrainOptions> options,
    EntityMetrics metrics,
    ChangePublisher publisher,
    Schemas.SchemaCache schemas,
    ILogger<EntityGrain> logger) : Grain, IEntityGrain
{
    private readonly EntityGrainOptions _options = options.Value;
    private readonly PayloadValidator _validator = new(options.Value);
    private readonly RecentIdempotencyKeys _recentKeys = new(options.Value.RecentIdempotencyKeys);
    private EntityKey _key;

    // Replaced in one assignment after each commit: interleaved reads see either the old or the new head, never half of one.
    private JournalHead? _head;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = EntityKey.FromGrainKey(this.GetPrimaryKeyString());
        _head = await journal.ReadHeadAsync(_key, cancellationToken);
        metrics.Activated();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Deactivated();
        return Task.CompletedTask;
    }

    private long HeadVersion => _head?.Latest.Version ?? 0;

    private bool HeadIsDeleted => _head?.Latest.Kind == ChangeKind.Delete;

    private JournalRecord RequireLiveHead()
    {
        if (_head is null)
        {
            throw EntityNotFoundException.NoEntity(_key);
        }

        var latest = _head.Latest;
        if (latest.Kind == ChangeKind.Delete)
        {
            throw new EntityDeletedException(_key, latest.Version, latest.CommittedAt);
        }

        return latest;
    }

    private JournalHead RequireHead() => _head ?? throw EntityNotFoundException.NoEntity(_key);

    /// <summary>Version <paramref name="version"/> from memory when it is the head, else from the journal.</summary>
    private async Task<JournalRecord> ReadVersionAsync(long version, string field)
    {
        var head = RequireHead();
        if (version < 1)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, field, $"Versions start at 1; got {version}.");
        }

        if (version > head.Latest.Version)
        {
            throw EntityNotFoundException.NoVersion(_key, version, head.Latest.Version);
        }

        if (version == head.Latest.Version)
        {
            return head.Latest;
        }

        return await journal.ReadVersionAsync(_key, version)
            ?? throw new StoreUnavailableException($"The journal holds no row for version {version} of '{_key}' although version {head.Latest.Version} exists; run verify.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entity {EntityType}/{EntityId}: version {Version} was written by another activation; head reloaded at version {ActualVersion} (correlation {CorrelationId})")]
    private static partial void LogFenced(ILogger logger, string entityType, string entityId, long version, long actualVersion, string? correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entity {EntityType}/{EntityId}: the journal did not confirm version {Version}; deactivating to reload (correlation {CorrelationId})")]
    private static partial void LogUnconfirmed(ILogger logger, Exception exception, string entityType, string entityId, long version, string? correlationId);

    // Debug: under overload every refused write would log, and the journal's counter ivr.journal.appends.refused says it.
    [LoggerMessage(Level = LogLevel.Debug, Message = "A write of {EntityType} was refused before the database: {Reason}")]
    private static partial void LogNotAttempted(ILogger logger, string entityType, string reason);
}
