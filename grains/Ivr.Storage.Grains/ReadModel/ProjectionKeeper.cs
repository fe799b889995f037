using Ivr.Storage.Contracts;
using Ivr.Storage.ReadModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.ReadModel;

/// <summary>
/// Makes sure the current-state projection runs somewhere in the cluster: every silo pokes it now and then, and
/// Orleans routes all pokes to the one activation (or creates it after the silo that held it died).
/// </summary>
internal sealed partial class ProjectionKeeper(IGrainFactory grains, IOptions<ReadModelOptions> options, ILogger<ProjectionKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await grains.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState).EnsureRunning().WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Silo still starting, or the database is away: try again at the next tick.
                LogNotRunning(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The current-state projection could not be started yet")]
    private static partial void LogNotRunning(ILogger logger, Exception exception);
}
