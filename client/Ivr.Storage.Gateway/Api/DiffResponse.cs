using System.Text.Json;

namespace Ivr.Storage.Gateway.Api;

/// <summary>The JSON Patch (RFC 6902) from one version to another; <see cref="ShownAtSchemaVersion"/> is set when both were upcast first.</summary>
internal sealed record DiffResponse(string Type, string Id, long From, long To, JsonElement Patch, int? ShownAtSchemaVersion = null);
