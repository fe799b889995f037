namespace Ivr.Storage.Contracts;

/// <summary>A page of entities from the read model, with the feed position the read model had reached.</summary>
[GenerateSerializer, Immutable, Alias("ivr.EntityListPage")]
public sealed record EntityListPage
{
    [Id(0)] public required IReadOnlyList<ReadModelEntity> Items { get; init; }

    /// <summary>Pass as <see cref="EntityListQuery.Cursor"/>; null on the last page. Stable under concurrent writes (keyset on update time and id).</summary>
    [Id(1)] public string? NextCursor { get; init; }

    /// <summary>Every change up to here is reflected in this page.</summary>
    [Id(2)] public required FeedPosition Position { get; init; }
}
