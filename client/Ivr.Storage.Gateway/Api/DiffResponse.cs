using System.Text.Json;

namespace Ivr.Storage.Gateway.Api;

/// <summary>The JSON Patch (RFC 6902) from one version to another.</summary>
internal sealed record DiffResponse(string Type, string Id, long From, long To, JsonElement Patch);
