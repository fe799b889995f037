using System.Text;
using Ivr.Storage.Messaging.Commands;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>Publishes command messages the way a caller would, and reads dead letters and replies.</summary>
internal sealed class CommandSender(CommandClusterFixture fixture)
{
    public static Dictionary<string, object?> Headers(string kind, string type, string id, string? expected = null) => new()
    {
        [CommandHeaders.Kind] = kind,
        [CommandHeaders.Type] = type,
        [CommandHeaders.Id] = id,
        [CommandHeaders.Source] = "command-tests",
        [CommandHeaders.ExpectedVersion] = expected,
    };

    public async Task SendAsync(string messageId, Dictionary<string, object?> headers, string body = "", string? replyTo = null, string? correlationId = null) =>
        await SendAsync(messageId, headers, Encoding.UTF8.GetBytes(body), replyTo, correlationId);

    public async Task SendAsync(string? messageId, Dictionary<string, object?> headers, byte[] body, string? replyTo = null, string? correlationId = null)
    {
        var properties = new BasicProperties
        {
            MessageId = messageId,
            CorrelationId = correlationId,
            ReplyTo = replyTo,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers.Where(h => h.Value is not null).ToDictionary(h => h.Key, h => h.Value),
        };
        await fixture.Channel.BasicPublishAsync("", fixture.Commands.Queue, mandatory: true, properties, body);
    }

    /// <summary>An exclusive queue for replies.</summary>
    public async Task<string> ReplyQueueAsync() =>
        (await fixture.Channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;

    /// <summary>Waits for <paramref name="count"/> messages on <paramref name="queue"/>.</summary>
    public async Task<List<BasicGetResult>> ReceiveAsync(string queue, int count, Func<BasicGetResult, bool>? where = null)
    {
        var received = new List<BasicGetResult>();
        await Testing.Eventually.HoldsAsync(
            async () =>
            {
                while (await fixture.Channel.BasicGetAsync(queue, autoAck: true) is { } message)
                {
                    if (where?.Invoke(message) != false)
                    {
                        received.Add(message);
                    }
                }

                return received.Count >= count;
            },
            TimeSpan.FromSeconds(60),
            () => $"{received.Count} of {count} messages arrived on {queue}");
        return received;
    }

    public Task<BasicGetResult> DeadLetterAsync(string messageId) =>
        ReceiveAsync(fixture.Commands.DeadLetter, 1, m => m.BasicProperties.MessageId == messageId).ContinueWith(t => t.Result.Single(), TaskScheduler.Default);
}
