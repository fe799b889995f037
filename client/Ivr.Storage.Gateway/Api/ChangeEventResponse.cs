using System.Text.Json.Serialization;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// A change as a CloudEvents 1.0 event in structured JSON mode: the attribute names are CloudEvents' own
/// (<c>specversion</c>, <c>datacontenttype</c>), <c>id</c> is <c>type/id@version</c> and <c>data.position</c> the feed position.
/// <c>dataschema</c> names the schema version the payload was stored under (<c>urn:ivr-storage:schema:&lt;type&gt;:&lt;version&gt;</c>,
/// served by <c>GET /schemas/{type}/versions</c>); it is absent when the version records none.
/// </summary>
internal sealed record ChangeEventResponse(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    string Id,
    string Source,
    string Type,
    string Subject,
    DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    ChangeEventData Data,
    [property: JsonPropertyName("dataschema"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DataSchema = null)
{
    public static ChangeEventResponse From(ChangeEvent change) => new(
        "1.0",
        change.Id,
        change.Source,
        change.Type,
        change.Subject,
        change.Time,
        "application/json",
        new ChangeEventData(
            change.Key.Type,
            change.Key.Id,
            change.Version,
            change.Kind,
            change.Position.ToString(),
            change.Provenance,
            change.Hash,
            Json.Embed(change.Payload),
            change.PayloadSchemaVersion,
            change.ShownAtSchemaVersion),
        change.DataSchema);
}
