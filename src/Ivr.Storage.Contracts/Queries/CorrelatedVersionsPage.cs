namespace Ivr.Storage.Contracts;

/// <summary>One page of <see cref="CorrelationQuery"/>'s versions (metadata and provenance, no payloads), newest first.</summary>
[GenerateSerializer, Immutable, Alias("ivr.CorrelatedVersionsPage")]
public sealed record CorrelatedVersionsPage
{
    [Id(0)] public required IReadOnlyList<VersionRecord> Items { get; init; }

    /// <summary>Pass as <see cref="CorrelationQuery.Cursor"/> for the next page; null when this page was the last.</summary>
    [Id(1)] public string? NextCursor { get; init; }
}
