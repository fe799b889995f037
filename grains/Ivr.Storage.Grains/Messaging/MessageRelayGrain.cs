using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Messaging;
using Ivr.Storage.Messaging.Broker;
using Ivr.Storage.Messaging.Relay;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Messaging;

/// <summary>
/// Runs one relay inside the cluster, as <c>ProjectionGrain</c> runs the projection: Orleans keeps one activation
/// (re-created on another silo after the one holding it died), and the database's epoch fences any second one. The
/// publishing loop runs beside the grain's scheduler (it waits on the broker and the database, never on grain state);
/// a timer restarts it should it ever end while the grain lives.
/// </summary>
internal sealed partial class MessageRelayGrain(
    JournalDataSource journal,
    IChangeFeedSource feed,
    BrokerConnection broker,
    IOptions<MessagingOptions> options,
    EntityClock clock,
    RelayMetrics metrics,
    ILogger<MessageRelayGrain> logger) : Grain, IMessageRelayGrain
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Start();
        this.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(5), Period = TimeSpan.FromSeconds(5), KeepAlive = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        _stopping.Dispose();
    }

    public Task EnsureRunning() => Task.CompletedTask;

    private void Start()
    {
        var name = this.GetPrimaryKeyString();
        var relayOptions = options.Value.Relays.FirstOrDefault(r => r.Name == name)
            ?? throw new InvalidOperationException($"No relay named '{name}' in Messaging:Relays.");
        var relay = new ChangeRelay(journal.DataSource, feed, relayOptions, clock.TimeProvider);
        // Waits (poll, back-off) in real time: a test cluster's fake entity clock only moves when asked.
        var runner = new RelayRunner(relay, broker, options.Value, TimeProvider.System, logger, metrics);
        _running = Task.Run(() => runner.RunAsync(_stopping.Token));
    }

    private Task CheckAsync(CancellationToken cancellationToken)
    {
        if (_running.IsCompleted && !_stopping.IsCancellationRequested)
        {
            LogRestart(logger, _running.Exception, this.GetPrimaryKeyString());
            Start();
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Relay {Relay} stopped unexpectedly; starting it again")]
    private static partial void LogRestart(ILogger logger, Exception? exception, string relay);
}
