namespace Ivr.Storage.Contracts;

/// <summary>That version <see cref="Version"/> of <see cref="Key"/>, with chain hash <see cref="ChainHash"/>, is leaf <see cref="LeafIndex"/> of the log <see cref="Head"/> signs.</summary>
[GenerateSerializer, Immutable, Alias("ivr.VersionInclusionProof")]
public sealed record VersionInclusionProof(
    [property: Id(0)] EntityKey Key,
    [property: Id(1)] long Version,
    [property: Id(2)] byte[] ChainHash,
    [property: Id(3)] long LeafIndex,
    [property: Id(4)] byte[][] Path,
    [property: Id(5)] LogHead Head);
