using System.Text.Json;

namespace Ivr.Storage.Gateway.Api;

/// <summary>Stored payloads are canonical JSON strings; responses embed them as JSON, not as escaped strings.</summary>
internal static class Json
{
    public static JsonElement? Embed(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
