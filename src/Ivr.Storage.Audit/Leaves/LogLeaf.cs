using System.Buffers.Binary;
using System.Text;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit.Leaves;

/// <summary>
/// One leaf of the log: a committed version of an entity, committing to its type, id, version and chain hash (which
/// itself commits to the payload, the metadata and every earlier version). Leaves are in change-feed order.
/// </summary>
public sealed record LogLeaf(string Type, string Id, long Version, byte[] ChainHash)
{
    /// <summary>The encoding's first byte; a new encoding would take another.</summary>
    public const byte FormatVersion = 1;

    /// <summary>
    /// The leaf data: <c>0x01 ‖ u16 len ‖ type ‖ u16 len ‖ id ‖ u64 version ‖ chain hash</c> (big-endian, UTF-8).
    /// Lengths make the fields unambiguous: no (type, id) pair encodes like another.
    /// </summary>
    public byte[] Encode()
    {
        if (ChainHash is not { Length: MerkleHash.Size })
        {
            throw new ArgumentException($"A chain hash has {MerkleHash.Size} bytes.", nameof(ChainHash));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Version);
        var type = Encoding.UTF8.GetBytes(Type);
        var id = Encoding.UTF8.GetBytes(Id);
        if (type.Length > ushort.MaxValue || id.Length > ushort.MaxValue)
        {
            throw new ArgumentException("A type or id of a leaf is at most 65535 UTF-8 bytes.");
        }

        var data = new byte[1 + 2 + type.Length + 2 + id.Length + 8 + MerkleHash.Size];
        var span = data.AsSpan();
        span[0] = FormatVersion;
        var at = 1;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)type.Length);
        type.CopyTo(span[(at += 2)..]);
        at += type.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)id.Length);
        id.CopyTo(span[(at += 2)..]);
        at += id.Length;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], Version);
        ChainHash.CopyTo(span[(at + 8)..]);
        return data;
    }

    /// <summary>The leaf's RFC 9162 hash.</summary>
    public byte[] Hash() => MerkleHash.Leaf(Encode());

    public override string ToString() => $"{Type}/{Id} v{Version}";
}
