namespace Ivr.Storage.Contracts;

/// <summary>
/// A version as history returns it, with the inclusion path of leaf <see cref="LeafIndex"/> in the export's head. The
/// version is read from the journal and the path from the log: if someone rewrote the journal, they disagree.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.ExportedVersion")]
public sealed record ExportedVersion(
    [property: Id(0)] VersionRecord Version,
    [property: Id(1)] long LeafIndex,
    [property: Id(2)] byte[][] Path);
