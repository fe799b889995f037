namespace Ivr.Storage.Contracts;

/// <summary>Statistics from the read model.</summary>
[GenerateSerializer, Immutable, Alias("ivr.StoreStatistics")]
public sealed record StoreStatistics
{
    /// <summary>Live (not deleted) entities per type.</summary>
    [Id(0)] public required IReadOnlyDictionary<string, long> EntitiesByType { get; init; }

    /// <summary>Versions written per type, source and hour (UTC), newest hours first, at most 500 rows.</summary>
    [Id(1)] public required IReadOnlyList<HourlyCount> Hourly { get; init; }

    [Id(2)] public required FeedPosition Position { get; init; }
}

/// <summary>Versions and deletes written in one hour by one source for one type.</summary>
[GenerateSerializer, Immutable, Alias("ivr.HourlyCount")]
public sealed record HourlyCount(
    [property: Id(0)] string Type,
    [property: Id(1)] string Source,
    [property: Id(2)] DateTimeOffset Hour,
    [property: Id(3)] long Versions,
    [property: Id(4)] long Deletes);
