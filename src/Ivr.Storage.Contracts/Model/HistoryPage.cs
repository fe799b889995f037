namespace Ivr.Storage.Contracts;

/// <summary>One page of history. Cursors are stable: versions never change once written.</summary>
[GenerateSerializer, Immutable, Alias("ivr.HistoryPage")]
public sealed record HistoryPage
{
    /// <summary>The versions on this page, in the requested order.</summary>
    [Id(0)] public required IReadOnlyList<VersionRecord> Items { get; init; }

    /// <summary>Pass this as <see cref="HistoryQuery.Cursor"/> for the next page; null when there is none.</summary>
    [Id(1)] public string? NextCursor { get; init; }
}
