using Ivr.Storage.AuditLog;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Audit;

/// <summary>Makes sure the transparency log's writer runs somewhere in the cluster when enabled, as <see cref="ReadModel.ProjectionKeeper"/> does for the projection.</summary>
internal sealed partial class AuditLogKeeper(IGrainFactory grains, IOptions<AuditLogOptions> options, ILogger<AuditLogKeeper> logger) : BackgroundService
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
                await grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Journal).EnsureRunning().WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotRunning(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transparency log writer could not be started yet")]
    private static partial void LogNotRunning(ILogger logger, Exception exception);
}
