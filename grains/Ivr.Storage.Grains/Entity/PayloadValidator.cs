using System.Text.Json.Nodes;
using Ivr.Storage.Json;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// Accepts a payload or a merge patch only as a JSON object within the entity limits (<see cref="EntityGrainOptions.MaxPayloadBytes"/>,
/// <see cref="EntityGrainOptions.MaxJsonDepth"/>), and returns it in canonical form; anything else is an
/// <see cref="Contracts.EntityValidationException"/>.
/// </summary>
internal sealed class PayloadValidator(EntityGrainOptions options)
{
    private readonly JsonPayloadLimits _limits = new() { MaxBytes = options.MaxPayloadBytes, MaxDepth = options.MaxJsonDepth };

    /// <summary>A payload as the caller sent it, in canonical form.</summary>
    public string ValidatePayload(string? json) => JsonPayload.ParseObject(json ?? string.Empty, _limits).Json;

    /// <summary>A merge-patch document as the caller sent it, in canonical form.</summary>
    public string ValidatePatch(string? json) => JsonPayload.ParseMergePatch(json ?? string.Empty, _limits).Json;

    /// <summary>A payload the grain computed (a merge result), in canonical form: it must meet the limits too.</summary>
    public string ValidatePayload(JsonObject payload) => JsonPayload.FromObject(payload, _limits).Json;
}
