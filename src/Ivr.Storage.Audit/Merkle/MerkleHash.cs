using System.Security.Cryptography;

namespace Ivr.Storage.Audit.Merkle;

/// <summary>
/// The RFC 9162 §2.1.1 hashes: a leaf is <c>SHA-256(0x00 ‖ data)</c>, an interior node <c>SHA-256(0x01 ‖ left ‖ right)</c>.
/// The prefixes keep a leaf from ever passing for a node (a second preimage built from two child hashes).
/// </summary>
public static class MerkleHash
{
    /// <summary>Bytes of every hash of the tree.</summary>
    public const int Size = SHA256.HashSizeInBytes;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] Empty() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The hash of a leaf whose data is <paramref name="data"/>.</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    /// <summary>The hash of the interior node over <paramref name="left"/> and <paramref name="right"/>.</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException($"A child hash has {Size} bytes.");
        }

        Span<byte> input = stackalloc byte[1 + (2 * Size)];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n &gt; 1): where RFC 9162 splits a tree of n leaves.</summary>
    public static long SplitPoint(long n)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Only a tree of two leaves or more splits.");
        }

        return 1L << (63 - (int)long.LeadingZeroCount(n - 1));
    }
}
