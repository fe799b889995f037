using System.Text.Json.Nodes;
using Ivr.Storage.Journal;
using Ivr.Storage.Json;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// Accepts a payload or a merge patch only as a JSON object within the entity limits (<see cref="EntityGrainOptions.MaxPayloadBytes"/>,
/// <see cref="EntityGrainOptions.MaxJsonDepth"/>), and returns it in canonical form; anything else is an
/// <see cref="Contracts.EntityValidationException"/> (the JSON library's own refusals cross <see cref="JsonBoundary"/>).
/// </summary>
internal sealed class PayloadValidator(EntityGrainOptions options)
{
    private readonly JsonPayloadLimits _limits = new() { MaxBytes = options.MaxPayloadBytes, MaxDepth = options.MaxJsonDepth };

    /// <summary>A payload as the caller sent it, in canonical form.</summary>
    public string ValidatePayload(string? json) => JsonBoundary.Call(text => JsonPayload.ParseObject(text, _limits).Json, json ?? string.Empty);

    /// <summary>A merge-patch document as the caller sent it, in canonical form.</summary>
    public string ValidatePatch(string? json) => JsonBoundary.Call(text => JsonPayload.ParseMergePatch(text, _limits).Json, json ?? string.Empty);

    /// <summary>A payload the grain computed (a merge result), in canonical form: it must meet the limits too.</summary>
    public string ValidatePayload(JsonObject payload) => JsonBoundary.Call(document => JsonPayload.FromObject(document, _limits).Json, payload);
}
