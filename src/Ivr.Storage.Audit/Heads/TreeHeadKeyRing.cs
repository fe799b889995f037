using Ivr.Storage.Audit.Timestamps;
using NSec.Cryptography;
using X509Certificate2 = System.Security.Cryptography.X509Certificates.X509Certificate2;
using X509Certificate2Collection = System.Security.Cryptography.X509Certificates.X509Certificate2Collection;

namespace Ivr.Storage.Audit.Heads;

/// <summary>
/// The public keys a verifier trusts, by key id. Rotation: the log signs with its newest key while the ring keeps
/// the older ones, so heads signed before a rotation still verify; a key the ring lacks verifies nothing.
/// </summary>
public sealed class TreeHeadKeyRing
{
    private readonly Dictionary<string, PublicKey> _keys = new(StringComparer.Ordinal);
    private readonly X509Certificate2Collection _authorities = [];
    private byte[]? _lastValid;

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>
    /// Trusts the RFC 3161 timestamp authority <paramref name="certificate"/> (its certificate or a root it chains to).
    /// With none (the default) a head's token is still checked to be over that head and signed by the certificate it
    /// carries, but that certificate is not tied to an authority the auditor chose.
    /// </summary>
    public void AddTimestampAuthority(X509Certificate2 certificate)
    {
        _authorities.Add(certificate);
        _lastValid = null;
    }

    /// <summary>Trusts <paramref name="key"/>; returns its id.</summary>
    public string Add(PublicKey key)
    {
        _lastValid = null;
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

        // An export checks every line against one head: the same bytes verified a moment ago are not verified again.
        // Compared by content, not by reference, so a head changed in place is checked anew.
        var evidence = Evidence(signed, head);
        if (_lastValid is { } last && last.AsSpan().SequenceEqual(evidence))
        {
            return AuditResult.Valid;
        }

        if (head.Signature is not { } signature || !TreeHeadKeys.Algorithm.Verify(key, signed, signature))
        {
            return AuditResult.Fail(AuditFailure.BadSignature, $"the signature of head {head.TreeSize} does not verify under key '{head.KeyId}'");
        }

        // Checked wherever a head is: a head that carries a token for another head must not pass as timestamped.
        var result = head.TimestampToken is null ? AuditResult.Valid : HeadTimestamp.Verify(head, _authorities);
        _lastValid = result.IsValid ? evidence : null;
        return result;
    }

    /// <summary>Everything a head's check depends on besides the trusted keys and authorities: signed bytes, signature, token.</summary>
    private static byte[] Evidence(byte[] signed, SignedTreeHead head) =>
        [.. signed, .. BitConverter.GetBytes(head.Signature?.Length ?? -1), .. head.Signature ?? [], .. head.TimestampToken ?? []];
}
