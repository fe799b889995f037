namespace Ivr.Storage.Messaging.Relay;

/// <summary>
/// Header names of a change message: CloudEvents 1.0 in binary content mode, attributes as AMQP headers with the
/// <c>cloudEvents_</c> prefix of the CloudEvents AMQP binding. Why that prefix: it is the binding's preferred form
/// (<c>cloudEvents:</c> is its older one, and <c>ce-</c> belongs to the HTTP and Kafka bindings); RabbitMQ maps
/// AMQP 0-9-1 headers to AMQP 1.0 application properties, so CloudEvents SDKs reading AMQP 1.0 understand the
/// message as is, and the name is valid in JMS-style selectors and headers-exchange bindings, where ':' is not.
/// </summary>
public static class CloudEventHeaders
{
    public const string Prefix = "cloudEvents_";
    public const string SpecVersion = Prefix + "specversion";
    public const string Id = Prefix + "id";
    public const string Source = Prefix + "source";
    public const string Type = Prefix + "type";
    public const string Subject = Prefix + "subject";
    public const string Time = Prefix + "time";
    public const string DataSchema = Prefix + "dataschema";

    // Extension attributes (lower-case letters and digits only, as CloudEvents requires).
    public const string EntityType = Prefix + "entitytype";
    public const string EntityId = Prefix + "entityid";
    public const string EntityVersion = Prefix + "entityversion";
    public const string FeedPosition = Prefix + "feedposition";
    public const string Hash = Prefix + "hash";
    public const string Origin = Prefix + "origin";
    public const string Actor = Prefix + "actor";
    public const string CausationId = Prefix + "causationid";
}
