using System.Text.Json.Nodes;
using Ivr.Storage.Json;

namespace Ivr.Storage.Grains.Entity;

/// <summary>The JSON Patch (RFC 6902) from one version's payload to another's.</summary>
internal static class PayloadDiff
{
    /// <summary>From <paramref name="fromPayload"/> to <paramref name="toPayload"/>; a deleted version (null) counts as an empty object.</summary>
    public static string Between(string? fromPayload, string? toPayload)
    {
        var from = JsonNode.Parse(fromPayload ?? "{}");
        var to = JsonNode.Parse(toPayload ?? "{}");
        return JsonPatchDiff.Create(from, to).ToJsonString();
    }
}
