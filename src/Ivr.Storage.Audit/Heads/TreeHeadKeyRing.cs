using NSec.Cryptography;

namespace Ivr.Storage.Audit.Heads;

/// <summary>
/// The public keys a verifier trusts, by key id. Rotation: the log signs with its newest key while the ring keeps
/// the older ones, so heads signed before a rotation still verify; a key the ring lacks verifies nothing.
/// </summary>
public sealed class TreeHeadKeyRing
{
    private readonly Dictionary<string, PublicKey> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Trusts <paramref name="key"/>; returns its id.</summary>
    public string Add(PublicKey key)
    {
        var id = TreeHeadKeys.KeyId(key);
        _keys[id] = key;
        return id;
    }

    /// <summary>Trusts the SPKI PEM public key <paramref name="pem"/>; returns its id.</summary>
    public string AddPem(string pem) => Add(TreeHeadKeys.ImportPublicPem(pem));

    /// <summary>Checks the head's signature under the key it names.</summary>
    public AuditResult Verify(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (!_keys.TryGetValue(head.KeyId, out var key))
        {
            return AuditResult.Fail(AuditFailure.UnknownKey, $"head {head.TreeSize} is signed by key '{head.KeyId}', which is not trusted");
        }

        byte[] signed;
        try
        {
            signed = head.SignedBytes();
        }
        catch (ArgumentException e)
        {
            return AuditResult.Fail(AuditFailure.MalformedHash, $"head {head.TreeSize}: {e.Message}");
        }

        return head.Signature is { } signature && TreeHeadKeys.Algorithm.Verify(key, signed, signature)
            ? AuditResult.Valid
            : AuditResult.Fail(AuditFailure.BadSignature, $"the signature of head {head.TreeSize} does not verify under key '{head.KeyId}'");
    }
}
