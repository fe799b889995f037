using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ivr.Storage.Security.Certificates;

/// <summary>
/// Decides whether a peer's certificate belongs to the cluster in a given role: it chains to one of the configured
/// authorities only (custom root trust: a certificate from a public CA or the machine's store is not enough), is
/// within its validity period, and carries the extended key usages of the role (<see cref="CertificateRole"/>). Results are cached per certificate
/// (by SHA-256 of its bytes) until it expires, so a connection or token costs one chain build per peer certificate.
/// </summary>
public sealed class PeerCertificateValidator(X509Certificate2Collection authorities, TimeProvider? time = null)
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const int MaxCachedVerdicts = 4096;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(string Hash, CertificateRole Role), Verdict> _verdicts = new();

    /// <summary>The identity a certificate names: its subject's common name.</summary>
    public static string NameOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    /// <summary>Whether <paramref name="certificate"/> may act in <paramref name="role"/>; <paramref name="reason"/> says why not.</summary>
    public bool IsValid(X509Certificate2 certificate, CertificateRole role, out string reason)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = _time.GetUtcNow();
        var key = (Convert.ToHexString(SHA256.HashData(certificate.RawData)), role);
        if (_verdicts.TryGetValue(key, out var cached) && cached.Until > now)
        {
            reason = cached.Reason;
            return cached.Valid;
        }

        var valid = Check(certificate, role, now, out reason);
        if (_verdicts.Count >= MaxCachedVerdicts)
        {
            // Only peers holding certificates are ever asked about; a flood of distinct ones is not worth remembering.
            _verdicts.Clear();
        }

        var until = valid ? new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) : now.AddMinutes(1);
        _verdicts[key] = new Verdict(valid, reason, until);
        return valid;
    }

    private bool Check(X509Certificate2 certificate, CertificateRole role, DateTimeOffset now, out string reason)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // Private cluster CAs publish no revocation lists; short certificate lifetimes replace revocation.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(role == CertificateRole.Silo ? ServerAuthentication : ClientAuthentication));
        if (!chain.Build(certificate))
        {
            var problems = chain.ChainStatus.Select(status => status.Status.ToString()).Distinct();
            reason = $"certificate '{NameOf(certificate)}' does not chain to the cluster CA as a {role} certificate ({string.Join(", ", problems)})";
            return false;
        }

        // Roles are read from explicit usages (a certificate without the extension would pass for anything): a silo
        // serves and connects, a caller only connects. A server-only certificate of the same CA (a Redis or
        // PostgreSQL server's) is neither, so it cannot pass for a silo.
        var serves = HasUsage(certificate, ServerAuthentication);
        var connects = HasUsage(certificate, ClientAuthentication);
        if (role == CertificateRole.Silo ? !(serves && connects) : serves || !connects)
        {
            reason = role == CertificateRole.Silo
                ? $"certificate '{NameOf(certificate)}' is not a silo certificate (it needs both server and client authentication usages)"
                : $"certificate '{NameOf(certificate)}' is not a caller certificate (it must allow client authentication only)";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool HasUsage(X509Certificate2 certificate, string oid) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(extension => extension.EnhancedKeyUsages.Cast<Oid>().Any(usage => usage.Value == oid));

    private readonly record struct Verdict(bool Valid, string Reason, DateTimeOffset Until);
}
