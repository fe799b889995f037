namespace Ivr.Storage.Contracts;

/// <summary>
/// A signed tree head of the transparency log (issue 21): its size, root, time, the previous head's hash, and the
/// Ed25519 signature of the key <see cref="KeyId"/>. Ivr.Storage.Audit verifies it; nothing here needs trusting.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.LogHead")]
public sealed record LogHead(
    [property: Id(0)] long TreeSize,
    [property: Id(1)] byte[] RootHash,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] byte[] PreviousHeadHash,
    [property: Id(4)] string KeyId,
    [property: Id(5)] byte[] Signature,
    [property: Id(6)] byte[]? TimestampToken = null);
