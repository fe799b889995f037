namespace Ivr.Storage.Contracts;

/// <summary>What produced a version. Stored in the journal as a small integer: never renumber.</summary>
[GenerateSerializer]
public enum ChangeKind : short
{
    /// <summary>Create or replace the whole payload.</summary>
    Put = 1,

    /// <summary>JSON Merge Patch (RFC 7396) applied to the previous payload.</summary>
    Patch = 2,

    /// <summary>A tombstone: the entity is deleted, its history stays.</summary>
    Delete = 3,

    /// <summary>The payload of an earlier version, written again as a new version.</summary>
    Revert = 4,
}
