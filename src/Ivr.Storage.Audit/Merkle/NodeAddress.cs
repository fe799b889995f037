namespace Ivr.Storage.Audit.Merkle;

/// <summary>
/// A perfect subtree of the log: the <paramref name="Index"/>-th run of 2^<paramref name="Level"/> leaves
/// (level 0 is a leaf). Every hash a proof needs is built from such subtrees, which is what the log stores.
/// </summary>
public readonly record struct NodeAddress(int Level, long Index)
{
    /// <summary>The first leaf under this subtree.</summary>
    public long FirstLeaf => Index << Level;
}
