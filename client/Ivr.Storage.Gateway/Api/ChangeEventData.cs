using System.Text.Json;
using System.Text.Json.Serialization;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// The <c>data</c> of a change event: the entity, the version, its feed position, provenance, hash and payload (null
/// for a delete). <see cref="SchemaVersion"/> is the stored one; <see cref="ShownAtSchemaVersion"/> is set when the
/// payload was upcast (<c>?schema=latest</c>).
/// </summary>
internal sealed record ChangeEventData(
    string EntityType,
    string EntityId,
    long Version,
    ChangeKind Kind,
    string Position,
    Provenance Provenance,
    string Hash,
    JsonElement? Payload,
    int? SchemaVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ShownAtSchemaVersion = null);
