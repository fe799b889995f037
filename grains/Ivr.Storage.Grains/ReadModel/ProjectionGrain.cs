using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.ReadModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.ReadModel;

/// <summary>
/// Runs a projection inside the cluster on a grain timer. Orleans keeps one activation; if a second one ever exists
/// the database's epoch fences it: its batch rolls back, and it re-claims before trying again.
/// </summary>
internal sealed partial class ProjectionGrain(
    ReadModelDataSource readModel,
    IChangeFeedSource feed,
    EntityClock clock,
    IOptions<ReadModelOptions> options,
    ReadModelMetrics metrics,
    ReadModelPositionWatcher watcher,
    ProjectionUpcaster upcaster,
    ILogger<ProjectionGrain> logger) : Grain, IProjectionGrain
{
    private CurrentStateProjector? _projector;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _projector = new CurrentStateProjector(readModel.DataSource, feed, this.GetPrimaryKeyString(), clock.TimeProvider, upcaster: upcaster);
        await _projector.ClaimAsync(cancellationToken);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = options.Value.PollInterval,
            KeepAlive = true,
        });
    }

    public Task EnsureRunning() => Task.CompletedTask;

    public Task<ProjectionStatus> GetStatus() => Task.FromResult(_projector!.Status);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Bounded per tick so a long catch-up still yields to status calls and deactivation.
            var applied = await _projector!.CatchUpAsync(options.Value.BatchSize, maxBatches: 20, cancellationToken);
            if (applied > 0)
            {
                metrics.Applied(_projector.Status, applied);
                // Queries on this silo waiting for a position need not wait for their next poll.
                watcher.Reached(_projector.Status.Position);
            }
        }
        catch (ProjectionFencedException ex)
        {
            LogFenced(logger, ex, _projector!.Name);
            await _projector.ClaimAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or StoreUnavailableException or TimeoutException)
        {
            // The database is away: the next tick tries again from the last committed checkpoint.
            LogFailed(logger, ex, _projector!.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} was fenced by a newer instance; claiming it again")]
    private static partial void LogFenced(ILogger logger, Exception exception, string projection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} could not apply a batch; will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception, string projection);
}
