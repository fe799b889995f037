namespace Ivr.Storage.Contracts;

/// <summary>That the log <see cref="Second"/> signs extends the one <see cref="First"/> signs.</summary>
[GenerateSerializer, Immutable, Alias("ivr.LogConsistencyProof")]
public sealed record LogConsistencyProof(
    [property: Id(0)] LogHead First,
    [property: Id(1)] LogHead Second,
    [property: Id(2)] byte[][] Path);
