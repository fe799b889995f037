using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Broker;

/// <summary>
/// The process's one connection to RabbitMQ, opened on first use and opened anew after it closed. The client's own
/// automatic recovery is off: the relay and the consumer retry with back-off and restart from durable state (a
/// checkpoint, an unacknowledged delivery), which is simpler to reason about than channels replayed under them.
/// </summary>
public sealed class BrokerConnection(IOptions<MessagingOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    /// <summary>A channel with publisher confirms tracked by the client, no rate limiter (it could reorder publishes).</summary>
    public async Task<IChannel> CreatePublisherChannelAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAsync(cancellationToken);
        return await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null),
            cancellationToken);
    }

    /// <summary>The open connection, or a new one.</summary>
    /// <exception cref="RabbitMQ.Client.Exceptions.BrokerUnreachableException">The broker does not answer.</exception>
    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true } opened)
            {
                return opened;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }

            var factory = new ConnectionFactory
            {
                Uri = new Uri(options.Value.ConnectionString ?? throw new InvalidOperationException("Set ConnectionStrings:RabbitMq (environment variable ConnectionStrings__RabbitMq) or Messaging:ConnectionString; deploy/local/services.sh writes the local value.")),
                AutomaticRecoveryEnabled = false,
                TopologyRecoveryEnabled = false,
                RequestedHeartbeat = TimeSpan.FromSeconds(10),
            };
            _connection = await factory.CreateConnectionAsync($"ivr-storage {Environment.MachineName}", cancellationToken);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }
}
