using System.Text.Json.Nodes;
using Ivr.Storage.Journal;
using Ivr.Storage.Json;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// Payload handling for the entity grain: parse and limit, merge-patch, diff. Payloads are canonical JSON strings.
/// The JSON library's refusals leave as the contracts' <see cref="Contracts.EntityValidationException"/> (<see cref="JsonBoundary"/>).
/// </summary>
internal sealed class PayloadCodec(EntityStoreOptions options)
{
    private readonly JsonPayloadLimits _limits = new() { MaxBytes = options.MaxPayloadBytes, MaxDepth = options.MaxJsonDepth };

    /// <summary>Validates a payload (a JSON object within the limits) and returns its canonical form.</summary>
    public string ParsePayload(string? json) => JsonBoundary.Call(text => JsonPayload.ParseObject(text, _limits).Json, json ?? string.Empty);

    /// <summary>Validates a merge-patch document and returns its canonical form.</summary>
    public string ParsePatch(string? json) => JsonBoundary.Call(text => JsonPayload.ParseMergePatch(text, _limits).Json, json ?? string.Empty);

    /// <summary>Applies a canonical merge patch to a canonical payload; the result is checked against the limits again.</summary>
    public string ApplyMergePatch(string currentPayload, string canonicalPatch)
    {
        var merged = JsonMergePatch.Apply(JsonNode.Parse(currentPayload), JsonNode.Parse(canonicalPatch));
        return JsonBoundary.Call(document => JsonPayload.FromObject(document, _limits).Json, merged!.AsObject());
    }

    /// <summary>JSON Patch from one payload to another; a deleted version (null) counts as an empty object.</summary>
    public static string Diff(string? fromPayload, string? toPayload)
    {
        var from = JsonNode.Parse(fromPayload ?? "{}");
        var to = JsonNode.Parse(toPayload ?? "{}");
        return JsonPatchDiff.Create(from, to).ToJsonString();
    }
}
