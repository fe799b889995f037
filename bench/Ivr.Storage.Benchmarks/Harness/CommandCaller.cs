using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Ivr.Storage.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// MQ1's sender of command messages, as an RPC-style caller of the command queue would be: each put is published with
/// publisher confirms and a <c>reply-to</c> queue of its own, and completes when the silo's reply says it committed
/// (the consumer replies only after the journal confirmed), so a call's latency is command → commit → reply.
/// </summary>
internal sealed class CommandCaller : IAsyncDisposable
{
    private static readonly TimeSpan ReplyBound = TimeSpan.FromSeconds(60);
    private readonly IConnection _connection;
    private readonly IChannel _publisher;
    private readonly IChannel _replies;
    private readonly string _queue;
    private readonly string _replyQueue;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pending = new();

    private CommandCaller(IConnection connection, IChannel publisher, IChannel replies, string queue, string replyQueue)
    {
        _connection = connection;
        _publisher = publisher;
        _replies = replies;
        _queue = queue;
        _replyQueue = replyQueue;
    }

    public static async Task<CommandCaller> OpenAsync(string queue)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMqConnectionString) }.CreateConnectionAsync("ivr-bench-commands");
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var replies = await connection.CreateChannelAsync();
        var replyQueue = (await replies.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        var caller = new CommandCaller(connection, publisher, replies, queue, replyQueue);
        var consumer = new AsyncEventingBasicConsumer(replies);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (delivery.BasicProperties.CorrelationId is { } id && caller._pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetResult(Encoding.UTF8.GetString(delivery.Body.Span));
            }

            return Task.CompletedTask;
        };
        await replies.BasicConsumeAsync(replyQueue, autoAck: true, consumer);
        return caller;
    }

    /// <summary>Waits (bounded) until the silo declared the command queue: a message sent before would be dropped.</summary>
    public Task WaitForQueueAsync() => RabbitMqQueues.WaitForQueueAsync(_connection, _queue, ReplyBound);

    /// <summary>Puts <paramref name="body"/> as version of bench/<paramref name="id"/> through the queue; returns once the reply says committed.</summary>
    /// <exception cref="InvalidOperationException">The command was rejected (dead-lettered).</exception>
    public async Task PutAsync(string messageId, string id, string body)
    {
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[messageId] = reply;
        var headers = new Dictionary<string, object?> { ["ivr-type"] = "bench", ["ivr-id"] = id, ["ivr-kind"] = "put", ["ivr-source"] = "bench" };
        var properties = new BasicProperties { MessageId = messageId, CorrelationId = messageId, ReplyTo = _replyQueue, Persistent = true, ContentType = "application/json", Headers = headers };
        await _publisher.BasicPublishAsync(string.Empty, _queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        var answer = await reply.Task.WaitAsync(ReplyBound);
        using var json = JsonDocument.Parse(answer);
        if (json.RootElement.GetProperty("status").GetString() != "committed")
        {
            throw new InvalidOperationException($"Command {messageId} was not committed: {answer}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _replies.DisposeAsync();
        await _publisher.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
