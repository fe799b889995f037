using System.Security.Cryptography;
using System.Text;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit.Tests;

/// <summary>Trees of distinct leaves, keys and heads for the tests.</summary>
internal static class AuditSamples
{
    public static readonly DateTimeOffset Time = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static LogLeaf Leaf(long i) =>
        new("call-session", $"audit-{i}", (i % 7) + 1, SHA256.HashData(Encoding.UTF8.GetBytes($"chain {i}")));

    public static MemoryMerkleTree Tree(long size)
    {
        var tree = new MemoryMerkleTree();
        for (var i = 0L; i < size; i++)
        {
            tree.Append(Leaf(i).Hash());
        }

        return tree;
    }

    public static SignedTreeHead Head(TreeHeadSigner signer, MemoryMerkleTree tree, long size, byte[]? previous = null) =>
        signer.Sign(size, tree.Proofs.Root(size), Time, previous ?? SignedTreeHead.NoPreviousHead());

    public static byte[] FlipBit(byte[] bytes, int bit)
    {
        var copy = bytes.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
