using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit.Heads;

/// <summary>
/// A digest of the log: its size and root at a time, the hash of the head before it (32 zero bytes for the first),
/// and an Ed25519 signature by the key <see cref="KeyId"/> over all of that (<see cref="SignedBytes()"/>).
/// Whoever keeps a head outside the database can later prove any rewrite of the leaves it covers.
/// </summary>
public sealed record SignedTreeHead(long TreeSize, byte[] RootHash, DateTimeOffset Timestamp, byte[] PreviousHeadHash, string KeyId, byte[] Signature)
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("ivr-storage/tree-head/v1\n");

    /// <summary>
    /// An RFC 3161 timestamp token (DER) over <see cref="HeadHash()"/>, from a timestamp authority the log's operator
    /// does not control: evidence that the head existed at the token's time. Optional, and not signed by the log (it
    /// is the authority's signature); <see cref="Timestamps.HeadTimestamp.Verify"/> checks it.
    /// </summary>
    public byte[]? TimestampToken { get; init; }

    /// <summary>The "previous head hash" of the first head.</summary>
    public static byte[] NoPreviousHead() => new byte[MerkleHash.Size];

    /// <summary>
    /// What is signed: <c>domain ‖ u64 size ‖ root ‖ i64 unix milliseconds ‖ previous head hash ‖ u16 len ‖ key id</c>.
    /// The key id is signed too, so a signature cannot be re-attributed to another key.
    /// </summary>
    public byte[] SignedBytes() => SignedBytes(TreeSize, RootHash, Timestamp, PreviousHeadHash, KeyId);

    /// <summary>The hash the next head names as its previous one: SHA-256 of <see cref="SignedBytes()"/>.</summary>
    public byte[] HeadHash() => SHA256.HashData(SignedBytes());

    internal static byte[] SignedBytes(long treeSize, byte[] rootHash, DateTimeOffset timestamp, byte[] previousHeadHash, string keyId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash is not { Length: MerkleHash.Size } || previousHeadHash is not { Length: MerkleHash.Size })
        {
            throw new ArgumentException($"Root and previous head hashes have {MerkleHash.Size} bytes.");
        }

        var key = Encoding.UTF8.GetBytes(keyId);
        var data = new byte[Domain.Length + 8 + MerkleHash.Size + 8 + MerkleHash.Size + 2 + key.Length];
        var span = data.AsSpan();
        Domain.CopyTo(span);
        var at = Domain.Length;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], treeSize);
        rootHash.CopyTo(span[(at += 8)..]);
        BinaryPrimitives.WriteInt64BigEndian(span[(at += MerkleHash.Size)..], timestamp.ToUnixTimeMilliseconds());
        previousHeadHash.CopyTo(span[(at += 8)..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(at += MerkleHash.Size)..], checked((ushort)key.Length));
        key.CopyTo(span[(at + 2)..]);
        return data;
    }

    public override string ToString() => $"head {TreeSize} {Convert.ToHexStringLower(RootHash)} by {KeyId}";
}
