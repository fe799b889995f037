using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.Audit.Timestamps;

/// <summary>
/// RFC 3161 timestamps of signed heads: the request's message imprint is SHA-256 of the head's signed bytes
/// (<see cref="SignedTreeHead.HeadHash()"/>, which the next head also names), so a token proves that exact head
/// existed at the token's time, whoever stored it.
/// </summary>
public static class HeadTimestamp
{
    /// <summary>The hash a timestamp authority is asked to sign for <paramref name="head"/>.</summary>
    public static byte[] Imprint(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return head.HeadHash();
    }

    /// <summary>
    /// Checks <paramref name="head"/>'s token: it decodes, its signature verifies, its imprint is this head's hash
    /// (SHA-256), and, when <paramref name="authorities"/> is not empty, its signer chains to one of them for
    /// time-stamping at the token's time.
    /// </summary>
    public static AuditResult Verify(SignedTreeHead head, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(authorities);
        if (head.TimestampToken is not { } encoded)
        {
            return AuditResult.Fail(AuditFailure.BadTimestamp, $"head {head.TreeSize} has no timestamp token");
        }

        if (!Rfc3161TimestampToken.TryDecode(encoded, out var token, out var read) || read != encoded.Length)
        {
            return AuditResult.Fail(AuditFailure.BadTimestamp, $"the timestamp token of head {head.TreeSize} is not an RFC 3161 token");
        }

        if (token.TokenInfo.HashAlgorithmId.Value != Oids.Sha256
            || !token.VerifySignatureForHash(Imprint(head), HashAlgorithmName.SHA256, out var signer, authorities)
            || signer is null)
        {
            return AuditResult.Fail(AuditFailure.BadTimestamp, $"the timestamp token of head {head.TreeSize} is not over this head's hash, or its signature does not verify");
        }

        return authorities.Count == 0 || Trusted(signer, authorities, token.TokenInfo.Timestamp)
            ? AuditResult.Valid
            : AuditResult.Fail(AuditFailure.BadTimestamp, $"the timestamp token of head {head.TreeSize} is signed by '{signer.Subject}', not by a trusted timestamp authority");
    }

    private static bool Trusted(X509Certificate2 signer, X509Certificate2Collection authorities, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(Oids.TimeStamping));
        return chain.Build(signer);
    }

    private static class Oids
    {
        public const string Sha256 = "2.16.840.1.101.3.4.2.1";
        public const string TimeStamping = "1.3.6.1.5.5.7.3.8";
    }
}
