using System.Text.Json.Serialization;

namespace Ivr.Storage.Gateway.Api;

/// <summary>A page of the versions a message caused; <see cref="NextCursor"/> (absent on the last page) is the next <c>?cursor=</c>.</summary>
internal sealed record CausedVersionsResponse(
    string CausationId,
    IReadOnlyList<ChangeEventResponse> Versions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextCursor);
