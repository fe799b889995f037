namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>What a write asks for.</summary>
public enum WriteKind
{
    /// <summary>Create or replace the payload.</summary>
    Put,

    /// <summary>Write a tombstone: the read model must show the entity deleted, and a later put continues the numbering.</summary>
    Delete,
}
