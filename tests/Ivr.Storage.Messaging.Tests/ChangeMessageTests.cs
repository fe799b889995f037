using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Messaging.Relay;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>A version as a message: the CloudEvent <c>dataschema</c> names the schema version it was stored under.</summary>
public sealed class ChangeMessageTests
{
    [Fact]
    public void a_version_stored_under_a_schema_names_it_as_dataschema_like_the_gateway_feed()
    {
        var record = TestChains.Next(EntityKey.Create("call-session", "c-1"), null, """{"n":1}""") with { SchemaVersion = 3 };

        var message = ChangeMessage.From(new FeedEntry(record, FeedPosition.Start), includePayload: true);

        Assert.Equal("urn:ivr-storage:schema:call-session:3", message.Properties.Headers![CloudEventHeaders.DataSchema]);
        Assert.Equal(new FeedEntry(record, FeedPosition.Start).ToChangeEvent().DataSchema, message.Properties.Headers[CloudEventHeaders.DataSchema]);
    }

    [Fact]
    public void a_version_without_a_schema_has_no_dataschema_header()
    {
        var record = TestChains.Next(EntityKey.Create("call-session", "c-2"), null, """{"n":1}""");

        var message = ChangeMessage.From(new FeedEntry(record, FeedPosition.Start), includePayload: true);

        Assert.False(message.Properties.Headers!.ContainsKey(CloudEventHeaders.DataSchema));
    }
}
