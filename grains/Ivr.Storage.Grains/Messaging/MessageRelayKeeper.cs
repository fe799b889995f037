using Ivr.Storage.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Messaging;

/// <summary>
/// Makes sure every configured relay runs somewhere in the cluster: every silo pokes each relay grain now and then,
/// and Orleans routes the pokes to its one activation (or creates it after the silo that held it died).
/// </summary>
internal sealed partial class MessageRelayKeeper(IGrainFactory grains, IOptions<MessagingOptions> options, ILogger<MessageRelayKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = options.Value.Relays.Select(r => r.Name).ToArray();
        if (names.Length == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            foreach (var name in names)
            {
                try
                {
                    await grains.GetGrain<IMessageRelayGrain>(name).EnsureRunning().WaitAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Silo still starting, or the relay's silo just died: try again at the next tick.
                    LogNotRunning(logger, ex, name);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Relay {Relay} could not be started yet")]
    private static partial void LogNotRunning(ILogger logger, Exception exception, string relay);
}
