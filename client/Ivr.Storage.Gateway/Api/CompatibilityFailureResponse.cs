using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>One stored version a candidate schema refuses: the entity id and version, and why (violations, or the upcaster's error).</summary>
internal sealed record CompatibilityFailureResponse(string Id, long Version, bool Current, int? StoredSchemaVersion, string? UpcastError, IReadOnlyList<SchemaViolationResponse> Errors)
{
    public static CompatibilityFailureResponse From(SchemaCompatibilityFailure failure) => new(
        failure.EntityId,
        failure.Version,
        failure.Current,
        failure.StoredSchemaVersion,
        failure.UpcastError,
        [.. failure.Violations.Select(v => new SchemaViolationResponse(v.Pointer, v.Keyword, v.Message, v.SchemaPath))]);
}
