using Ivr.Storage.Audit.Merkle;
using NSec.Cryptography;

namespace Ivr.Storage.Audit.Heads;

/// <summary>
/// Signs tree heads with one Ed25519 private key. Ed25519 is deterministic: the same head content always gets the same
/// signature, so a writer that signs a size again after a crash produces the head it already published.
/// </summary>
public sealed class TreeHeadSigner(Key key) : IDisposable
{
    public string KeyId { get; } = TreeHeadKeys.KeyId(key.PublicKey);

    public PublicKey PublicKey => key.PublicKey;

    public SignedTreeHead Sign(long treeSize, byte[] rootHash, DateTimeOffset timestamp, byte[] previousHeadHash)
    {
        ArgumentNullException.ThrowIfNull(rootHash);
        if (rootHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"A root has {MerkleHash.Size} bytes.", nameof(rootHash));
        }

        // Milliseconds are what is signed: the head carries exactly the time its signature covers.
        var time = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        var signed = SignedTreeHead.SignedBytes(treeSize, rootHash, time, previousHeadHash, KeyId);
        return new SignedTreeHead(treeSize, rootHash, time, previousHeadHash, KeyId, TreeHeadKeys.Algorithm.Sign(key, signed));
    }

    public void Dispose() => key.Dispose();
}
