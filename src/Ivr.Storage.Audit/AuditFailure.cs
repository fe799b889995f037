namespace Ivr.Storage.Audit;

/// <summary>What a check found wrong; <see cref="None"/> when it holds.</summary>
public enum AuditFailure
{
    None,

    /// <summary>A size or index is out of range: a negative size, a leaf at or past the tree's size, a first tree larger than the second.</summary>
    OutOfRange,

    /// <summary>The proof has fewer hashes than the tree's shape needs.</summary>
    PathTooShort,

    /// <summary>The proof has more hashes than the tree's shape needs.</summary>
    PathTooLong,

    /// <summary>A hash of the proof is not 32 bytes.</summary>
    MalformedHash,

    /// <summary>The proof recomputes a root other than the one it is checked against.</summary>
    RootMismatch,

    /// <summary>The proof is for a tree of another size than the head it is checked against.</summary>
    TreeSizeMismatch,

    /// <summary>A later head is smaller than an earlier one.</summary>
    SizeShrinks,

    /// <summary>The head names a key id the verifier was not given.</summary>
    UnknownKey,

    /// <summary>The head's signature does not verify under its key.</summary>
    BadSignature,

    /// <summary>A head does not name the hash of the head before it.</summary>
    ChainBroken,

    /// <summary>Two heads of one size have different roots: the log forked.</summary>
    Fork,

    /// <summary>A version's content does not match its chain hash or the previous version's.</summary>
    VersionChainBroken,

    /// <summary>A version the evidence commits to is missing, or one it does not commit to is present.</summary>
    VersionMissing,

    /// <summary>A head's RFC 3161 timestamp token is malformed, not over this head, or not signed by a trusted authority.</summary>
    BadTimestamp,
}
