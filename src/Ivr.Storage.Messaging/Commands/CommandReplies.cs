using System.Text.Json;
using Ivr.Storage.Contracts;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Commands;

/// <summary>
/// What the consumer sends back: a reply (to <c>reply-to</c>, with the request's correlation id, else its message id)
/// and a dead letter (the original message with the reason in <see cref="CommandHeaders.Error"/> headers).
/// </summary>
public static class CommandReplies
{
    /// <summary><c>{"status":"committed","type","id","version","feedPosition","idempotentReplay"}</c>.</summary>
    public static ReadOnlyMemory<byte> Committed(WriteResult result) => Json(writer =>
    {
        writer.WriteString("status", "committed");
        writer.WriteString("type", result.Key.Type);
        writer.WriteString("id", result.Key.Id);
        writer.WriteNumber("version", result.Version);
        writer.WriteString("feedPosition", result.FeedPosition?.ToString());
        writer.WriteBoolean("idempotentReplay", result.IdempotentReplay);
    });

    /// <summary><c>{"status":"rejected","error","detail"}</c>: the command was dead-lettered.</summary>
    public static ReadOnlyMemory<byte> Rejected(string code, string detail) => Json(writer =>
    {
        writer.WriteString("status", "rejected");
        writer.WriteString("error", code);
        writer.WriteString("detail", detail);
    });

    public static BasicProperties ReplyProperties(IReadOnlyBasicProperties request) => new()
    {
        CorrelationId = request.CorrelationId ?? request.MessageId,
        ContentType = "application/json",
    };

    /// <summary>The original message's properties plus the reason; persistent like the queue it came from.</summary>
    public static BasicProperties DeadLetterProperties(IReadOnlyBasicProperties original, string code, string detail)
    {
        var headers = original.Headers is { } existing ? new Dictionary<string, object?>(existing) : [];
        headers[CommandHeaders.Error] = code;
        headers[CommandHeaders.ErrorDetail] = detail.Length > 1024 ? detail[..1024] : detail;
        return new BasicProperties(original) { Headers = headers, DeliveryMode = DeliveryModes.Persistent };
    }

    private static ReadOnlyMemory<byte> Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
