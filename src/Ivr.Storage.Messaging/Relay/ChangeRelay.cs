using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Npgsql;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Relay;

/// <summary>
/// Publishes the change feed to RabbitMQ from a durable checkpoint. Each batch is published on a channel with
/// publisher confirms and the checkpoint moves past it only after every message of it was confirmed, and only while
/// this instance's epoch is current: at-least-once, in feed order (so in version order per entity), duplicates only
/// after a crash or a fence and always with the same message id.
/// </summary>
public sealed class ChangeRelay(NpgsqlDataSource database, IChangeFeedSource feed, RelayOptions options, TimeProvider clock)
{
    private readonly RelayCheckpoint _checkpoints = new(database, options.Name);
    private readonly ChangeFeedFilter _filter = options.ToFeedFilter();
    private long _epoch;
    private FeedPosition _checkpoint;
    private DateTimeOffset? _lastCommittedAt;
    private double _lagSeconds;
    private long _published;

    public string Name => options.Name;

    public RelayOptions Options => options;

    public RelayStatus Status => new(options.Name, _checkpoint, _lastCommittedAt, _lagSeconds, Interlocked.Read(ref _published));

    /// <summary>Test hook: runs after a batch was confirmed and before its checkpoint moves.</summary>
    internal Func<Task>? BeforeCheckpoint { get; set; }

    /// <summary>Claims the relay (fencing any older instance) and resumes from its checkpoint.</summary>
    public async Task ClaimAsync(CancellationToken cancellationToken = default)
    {
        (_epoch, _checkpoint, _lastCommittedAt) = await _checkpoints.ClaimAsync(cancellationToken);
    }

    /// <summary>Declares the relay's exchange (durable topic) on <paramref name="channel"/>.</summary>
    public Task DeclareAsync(IChannel channel, CancellationToken cancellationToken = default) =>
        channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);

    /// <summary>
    /// Publishes the next page of the feed (at most <see cref="RelayOptions.BatchSize"/> changes) on
    /// <paramref name="channel"/>, a channel with publisher confirms, and moves the checkpoint past it. Returns the
    /// feed rows it moved past (published or filtered out); 0 when the relay is caught up.
    /// </summary>
    /// <exception cref="RelayFencedException">A newer instance owns the relay; the checkpoint did not move.</exception>
    public async Task<int> RunOnceAsync(IChannel channel, CancellationToken cancellationToken = default)
    {
        var page = await feed.ReadAsync(_checkpoint, options.BatchSize, _filter, cancellationToken);
        if (page.Next <= _checkpoint)
        {
            _lagSeconds = 0;
            return 0;
        }

        var selected = page.Entries.Where(e => options.Kinds.Count == 0 || options.Kinds.Contains(e.Record.Kind)).ToArray();
        // Started in feed order on one channel without a rate limiter, so the broker receives them in that order;
        // awaited together, so a batch costs one round of confirms, not one per message.
        var confirms = new Task[selected.Length];
        for (var i = 0; i < selected.Length; i++)
        {
            var message = ChangeMessage.From(selected[i], options.IncludePayloads);
            confirms[i] = channel.BasicPublishAsync(options.Exchange, message.RoutingKey, mandatory: false, message.Properties, message.Body, cancellationToken).AsTask();
        }

        await Task.WhenAll(confirms);
        if (BeforeCheckpoint is { } hook)
        {
            await hook();
        }

        var lastCommitted = page.Entries.Count > 0 ? page.Entries[^1].Record.CommittedAt : (DateTimeOffset?)null;
        await _checkpoints.AdvanceAsync(_epoch, page.Next, lastCommitted, cancellationToken);
        _checkpoint = page.Next;
        _lastCommittedAt = lastCommitted ?? _lastCommittedAt;
        _lagSeconds = lastCommitted is { } committed ? Math.Max(0, (clock.GetUtcNow() - committed).TotalSeconds) : 0;
        Interlocked.Add(ref _published, selected.Length);
        return Math.Max(1, page.Entries.Count);
    }

    /// <summary>Runs batches until the feed has nothing more (bounded by <paramref name="maxBatches"/>); returns the rows moved past.</summary>
    public async Task<int> CatchUpAsync(IChannel channel, int maxBatches = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var total = 0;
        for (var i = 0; i < maxBatches; i++)
        {
            var moved = await RunOnceAsync(channel, cancellationToken);
            if (moved == 0)
            {
                break;
            }

            total += moved;
        }

        return total;
    }
}
