namespace Ivr.Storage.Contracts;

/// <summary>A page of the change feed.</summary>
[GenerateSerializer, Immutable, Alias("ivr.ChangePage")]
public sealed record ChangePage
{
    /// <summary>Changes after the requested position, in feed order.</summary>
    [Id(0)] public required IReadOnlyList<ChangeEvent> Changes { get; init; }

    /// <summary>Resume after this position: the last change's, or the requested one when the page is empty.</summary>
    [Id(1)] public required FeedPosition Next { get; init; }
}
