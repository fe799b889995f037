namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>Every way the journal can disagree with what clients were told.</summary>
public enum ViolationKind
{
    /// <summary>An acknowledged write is not in the journal at the version (and with the hash) the client was told.</summary>
    Lost,

    /// <summary>One request id appears in more than one journal row.</summary>
    Duplicated,

    /// <summary>A write refused with a concurrency conflict or a validation error is in the journal.</summary>
    RefusedWriteCommitted,

    /// <summary>An answer no request of the workload may get (e.g. an idempotency conflict).</summary>
    UnexpectedOutcome,

    /// <summary>A write whose outcome stayed unknown after every retry.</summary>
    Unresolved,

    /// <summary>An entity's versions are not 1..n without gaps.</summary>
    VersionGap,

    /// <summary>A row's hash does not recompute, or its previous hash is not its predecessor's hash.</summary>
    ChainBroken,

    /// <summary>A reader (of current state or of a history page) was shown a version or hash that is not in the journal.</summary>
    PhantomRead,

    /// <summary>A history page holds another entity's versions, or versions out of order or with a gap, or oldest first does not start at 1.</summary>
    MalformedHistoryPage,

    /// <summary>
    /// The change feed is out of (transaction, position) order, repeats a row, misses one or has one too many; or a
    /// follower during the load was shown a change the journal does not hold (or holds with another hash or position),
    /// a position not after the one before, or one change twice.
    /// </summary>
    FeedMismatch,

    /// <summary>The read model did not come to show every entity as the journal's latest version within the bound.</summary>
    ReadModelDiverged,

    /// <summary>The HTTP gateway process exited during the scenario (it is a client: no fault of the cluster may stop it).</summary>
    GatewayExited,

    /// <summary>The cluster did not serve a write and a read again within the bound after the fault.</summary>
    NoRecovery,
}
