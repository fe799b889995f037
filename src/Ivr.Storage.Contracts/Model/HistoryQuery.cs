namespace Ivr.Storage.Contracts;

/// <summary>Asks for one page of an entity's history.</summary>
[GenerateSerializer, Immutable, Alias("ivr.HistoryQuery")]
public sealed record HistoryQuery
{
    /// <summary>Largest page size accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// Most versions on the page; the default is 100, at most <see cref="MaxPageSize"/>. With payloads, a page also
    /// stops at the silo's byte bound (see <see cref="HistoryPage"/>).
    /// </summary>
    [Id(0)] public int PageSize { get; init; } = 100;

    /// <summary>Oldest first (the default) or newest first.</summary>
    [Id(1)] public bool NewestFirst { get; init; }

    /// <summary>Whether each item carries its payload; the default is metadata only.</summary>
    [Id(2)] public bool IncludePayloads { get; init; }

    /// <summary>The <see cref="HistoryPage.NextCursor"/> of the previous page; null for the first page.</summary>
    [Id(3)] public string? Cursor { get; init; }
}
