using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// An entity's current state as the read model holds it (payload null when deleted), upcast to its type's latest
/// schema; <see cref="SchemaVersion"/> is the version shown.
/// </summary>
internal sealed record ReadModelEntityResponse(string Type, string Id, long Version, bool Deleted, JsonElement? Payload, DateTimeOffset UpdatedAt, string Source, int? SchemaVersion)
{
    public static ReadModelEntityResponse From(ReadModelEntity entity) =>
        new(entity.Key.Type, entity.Key.Id, entity.Version, entity.Deleted, Json.Embed(entity.Payload), entity.UpdatedAt, entity.Source, entity.SchemaVersion);
}
