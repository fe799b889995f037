using Ivr.Storage.Audit.Heads;
using Ivr.Storage.AuditLog;
using Ivr.Storage.AuditLog.Sinks;
using Ivr.Storage.AuditLog.Timestamps;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Messaging.Broker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Audit;

/// <summary>
/// Runs the transparency log writer on a grain timer, as <see cref="ReadModel.ProjectionGrain"/> runs the projector:
/// Orleans keeps one activation, and if a second ever exists the database's epoch fences it.
/// </summary>
internal sealed partial class AuditLogGrain(
    AuditLogDataSource database,
    IChangeFeedSource feed,
    EntityClock clock,
    IOptions<AuditLogOptions> options,
    ILogger<AuditLogGrain> logger) : Grain, IAuditLogGrain
{
    private TransparencyLogWriter? _writer;
    private TreeHeadSigner? _signer;
    private HttpClient? _timestampClient;
    private RabbitMqTreeHeadSink? _broker;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var keyFile = settings.SigningKeyFile ?? throw new InvalidOperationException("AuditLog:SigningKeyFile is not set.");
        var directory = settings.HeadDirectory ?? throw new InvalidOperationException("AuditLog:HeadDirectory is not set.");
        _signer = new TreeHeadSigner(TreeHeadKeys.ImportPrivatePem(await File.ReadAllTextAsync(keyFile, cancellationToken)));
        ITimestampAuthority? timestamps = null;
        if (settings.TimestampAuthorityUrl is { } url)
        {
            _timestampClient = new HttpClient { Timeout = settings.TimestampTimeout };
            timestamps = new Rfc3161TimestampAuthority(_timestampClient, url);
        }

        _writer = new TransparencyLogWriter(database.DataSource, feed, _signer, Sinks(settings, directory), clock.TimeProvider, settings, this.GetPrimaryKeyString(), timestamps);
        await _writer.ClaimAsync(cancellationToken);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = settings.PollInterval, KeepAlive = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _signer?.Dispose();
        _timestampClient?.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    public Task EnsureRunning() => Task.CompletedTask;

    /// <summary>The head directory, then the write-once directory and the RabbitMQ exchange when configured.</summary>
    private List<ITreeHeadSink> Sinks(AuditLogOptions settings, string directory)
    {
        List<ITreeHeadSink> sinks = [new DirectoryTreeHeadSink(directory)];
        if (settings.WriteOnceDirectory is { } worm)
        {
            sinks.Add(new WriteOnceDirectoryTreeHeadSink(worm));
        }

        if (settings.HeadExchange is { } exchange)
        {
            var connection = ServiceProvider.GetService<BrokerConnection>()
                ?? throw new InvalidOperationException("AuditLog:HeadExchange is set but the silo has no RabbitMQ connection (ConnectionStrings:RabbitMq).");
            _broker = new RabbitMqTreeHeadSink(connection.CreatePublisherChannelAsync, exchange);
            sinks.Add(_broker);
        }

        return sinks;
    }

    public Task<long> GetTreeSize() => Task.FromResult(_writer!.TreeSize);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Bounded per tick so a long catch-up still yields to calls and deactivation; an idle tick signs a due head.
            if (await _writer!.CatchUpAsync(maxBatches: 20, cancellationToken) == 0)
            {
                await _writer.RunOnceAsync(cancellationToken);
            }
        }
        catch (TransparencyLogFencedException ex)
        {
            LogFenced(logger, ex, _writer!.Name);
            await _writer.ClaimAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or StoreUnavailableException or TimeoutException or IOException)
        {
            // The database or the head directory is away: the next tick goes on from the last committed size.
            LogFailed(logger, ex, _writer!.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transparency log {Log} was fenced by a newer writer; claiming it again")]
    private static partial void LogFenced(ILogger logger, Exception exception, string log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transparency log {Log} could not extend; will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception, string log);
}
