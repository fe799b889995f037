namespace Ivr.Storage.Contracts;

/// <summary>Where a read-model projection stands.</summary>
[GenerateSerializer, Immutable, Alias("ivr.ProjectionStatus")]
public sealed record ProjectionStatus
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required int Generation { get; init; }

    /// <summary>The feed position the read model has reached: every change at or before it is applied.</summary>
    [Id(2)] public required FeedPosition Position { get; init; }

    /// <summary>Commit time of the last change applied.</summary>
    [Id(3)] public DateTimeOffset? LastCommittedAt { get; init; }

    /// <summary>Commit-to-projection delay of the last batch, in seconds.</summary>
    [Id(4)] public double LagSeconds { get; init; }
}
