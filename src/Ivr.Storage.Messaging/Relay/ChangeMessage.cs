using System.Globalization;
using System.Text;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Relay;

/// <summary>
/// One committed version as a RabbitMQ message: routing key <c>&lt;type&gt;.&lt;kind&gt;</c>, CloudEvent attributes
/// in headers (<see cref="CloudEventHeaders"/>), message id = the CloudEvent id (<c>type/id@version</c>, the same on
/// every redelivery, so consumers dedupe), correlation id = the version's, persistent; the body is the canonical
/// payload (content type application/json), empty for a delete or when the relay publishes no payloads.
/// </summary>
public sealed record ChangeMessage(string RoutingKey, BasicProperties Properties, ReadOnlyMemory<byte> Body)
{
    public const string AppId = "ivr-storage";

    public static ChangeMessage From(FeedEntry entry, bool includePayload)
    {
        var change = entry.ToChangeEvent();
        var provenance = change.Provenance;
        var headers = new Dictionary<string, object?>
        {
            [CloudEventHeaders.SpecVersion] = "1.0",
            [CloudEventHeaders.Id] = change.Id,
            [CloudEventHeaders.Source] = change.Source,
            [CloudEventHeaders.Type] = change.Type,
            [CloudEventHeaders.Subject] = change.Subject,
            [CloudEventHeaders.Time] = change.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            [CloudEventHeaders.EntityType] = change.Key.Type,
            [CloudEventHeaders.EntityId] = change.Key.Id,
            [CloudEventHeaders.EntityVersion] = change.Version,
            [CloudEventHeaders.FeedPosition] = change.Position.ToString(),
            [CloudEventHeaders.Hash] = change.Hash,
            [CloudEventHeaders.Origin] = provenance.Source,
        };
        AddIfSet(headers, CloudEventHeaders.DataSchema, change.DataSchema);
        AddIfSet(headers, CloudEventHeaders.Actor, provenance.Actor);
        AddIfSet(headers, CloudEventHeaders.CausationId, provenance.CausationId);
        var body = includePayload && change.Payload is { } payload ? Encoding.UTF8.GetBytes(payload) : ReadOnlyMemory<byte>.Empty;
        var properties = new BasicProperties
        {
            MessageId = change.Id,
            CorrelationId = provenance.CorrelationId,
            Type = change.Type,
            AppId = AppId,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(change.CommittedAt.ToUnixTimeSeconds()),
            ContentType = body.IsEmpty ? null : "application/json",
            Headers = headers,
        };
        return new ChangeMessage(RoutingKeyOf(change.Key.Type, change.Kind), properties, body);
    }

    /// <summary><c>&lt;type&gt;.&lt;kind&gt;</c>, e.g. <c>call-session.patch</c>.</summary>
    public static string RoutingKeyOf(string type, ChangeKind kind) => $"{type}.{kind.ToString().ToLowerInvariant()}";

    private static void AddIfSet(Dictionary<string, object?> headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers[name] = value;
        }
    }
}
