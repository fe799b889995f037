namespace Ivr.Storage.Contracts;

/// <summary>
/// One page of history. Cursors are stable: versions never change once written. A page with payloads stops at the
/// silo's byte bound (<c>Journal:MaxPagePayloadBytes</c>, 8 MiB of payload by default) even when fewer versions than
/// <see cref="HistoryQuery.PageSize"/> are on it; it always holds at least one version, so a single large payload
/// still pages. <see cref="NextCursor"/> then continues exactly after the last version returned.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.HistoryPage")]
public sealed record HistoryPage
{
    /// <summary>The versions on this page, in the requested order.</summary>
    [Id(0)] public required IReadOnlyList<VersionRecord> Items { get; init; }

    /// <summary>
    /// Pass this as <see cref="HistoryQuery.Cursor"/> for the next page; null when there is none. A page may hold fewer
    /// items than asked for and still have a next cursor (the byte bound): follow the cursor, not the count.
    /// </summary>
    [Id(1)] public string? NextCursor { get; init; }
}
