using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>Typed access to stored payloads (canonical JSON strings) through System.Text.Json.</summary>
public static class EntityPayloadExtensions
{
    /// <summary>The current payload as <typeparamref name="T"/>; the default serializer options are <see cref="JsonSerializerOptions.Web"/>.</summary>
    public static T? PayloadAs<T>(this EntityState state, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Deserialize<T>(state.Payload, options);
    }

    /// <summary>The version's payload as <typeparamref name="T"/>; default for a tombstone or a metadata-only record.</summary>
    public static T? PayloadAs<T>(this VersionRecord record, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Deserialize<T>(record.Payload, options);
    }

    private static T? Deserialize<T>(string? payload, JsonSerializerOptions? options) =>
        payload is null ? default : JsonSerializer.Deserialize<T>(payload, options ?? JsonSerializerOptions.Web);
}
