using System.Text.Json.Nodes;
using Ivr.Storage.Json;

namespace Ivr.Storage.Grains.Entity;

/// <summary>Applies a JSON Merge Patch (RFC 7396) to a stored payload.</summary>
internal static class PayloadMerge
{
    /// <summary>
    /// <paramref name="canonicalPatch"/> applied to <paramref name="currentPayload"/> (both canonical), in canonical
    /// form; the result is validated like any payload, because a patch can make a payload larger or deeper.
    /// </summary>
    public static string Apply(string currentPayload, string canonicalPatch, PayloadValidator validator)
    {
        var merged = JsonMergePatch.Apply(JsonNode.Parse(currentPayload), JsonNode.Parse(canonicalPatch));
        return validator.ValidatePayload(merged!.AsObject());
    }
}
