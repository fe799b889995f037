namespace Ivr.Storage.Contracts;

/// <summary>A page of the versions a message caused, in key order (type, id, version), without payloads.</summary>
[GenerateSerializer, Immutable, Alias("ivr.CausedVersionsPage")]
public sealed record CausedVersionsPage
{
    /// <summary>The versions, as change events (<see cref="ChangeEvent.Payload"/> is null): key, version, kind, feed position, provenance, hash.</summary>
    [Id(0)] public required IReadOnlyList<ChangeEvent> Versions { get; init; }

    /// <summary>Pass as <see cref="CausationQuery.Cursor"/> for the next page; null when this page is the last.</summary>
    [Id(1)] public string? NextCursor { get; init; }
}
