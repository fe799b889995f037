namespace Ivr.Storage.Contracts;

/// <summary>Lists entities of one type from the read model (never from the journal).</summary>
[GenerateSerializer, Immutable, Alias("ivr.EntityListQuery")]
public sealed record EntityListQuery
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The entity type.</summary>
    [Id(0)] public required string Type { get; init; }

    /// <summary>A JSON object the payload must contain (PostgreSQL <c>@&gt;</c>), e.g. <c>{"status":"open"}</c>.</summary>
    [Id(1)] public string? Contains { get; init; }

    /// <summary>Newest first (the default) or oldest first by last update.</summary>
    [Id(2)] public bool OldestFirst { get; init; }

    /// <summary>Page size; default 50.</summary>
    [Id(3)] public int PageSize { get; init; } = 50;

    /// <summary>The previous page's <see cref="EntityListPage.NextCursor"/>.</summary>
    [Id(4)] public string? Cursor { get; init; }

    /// <summary>Whether deleted entities are listed too.</summary>
    [Id(5)] public bool IncludeDeleted { get; init; }

    /// <summary>Wait (briefly) until the read model has reached this position, e.g. a write's <see cref="WriteResult.FeedPosition"/>.</summary>
    [Id(6)] public FeedPosition? MinPosition { get; init; }
}
