using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ivr.Storage.Security.Tokens;

/// <summary>
/// Signs this process's caller tokens with its certificate's private key and hands out the current one, renewing it
/// once half its lifetime has passed (one signature every few minutes, not one per call).
/// </summary>
public sealed class CallerTokenIssuer
{
    private readonly X509Certificate2 _certificate;
    private readonly string _audience;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lock _renewal = new();
    private volatile Issued? _current;

    /// <param name="certificate">This process's certificate, with its private key (ECDSA or RSA).</param>
    /// <param name="audience">The cluster's service id: a token for one deployment is refused by another.</param>
    /// <param name="lifetime">Lifetime of each token, at most <see cref="CallerToken.MaxLifetime"/>.</param>
    /// <param name="time">Clock; the system clock by default.</param>
    public CallerTokenIssuer(X509Certificate2 certificate, string audience, TimeSpan lifetime, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        if (lifetime <= TimeSpan.Zero || lifetime > CallerToken.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A caller token lives more than zero and at most {CallerToken.MaxLifetime}.");
        }

        _certificate = certificate;
        _audience = audience;
        _lifetime = lifetime;
        _time = time ?? TimeProvider.System;
        _credentials = Credentials(certificate);
    }

    /// <summary>The token to send now.</summary>
    public string Current
    {
        get
        {
            var now = _time.GetUtcNow();
            var issued = _current;
            if (issued is not null && now < issued.RenewAt)
            {
                return issued.Token;
            }

            lock (_renewal)
            {
                issued = _current;
                if (issued is null || now >= issued.RenewAt)
                {
                    issued = new Issued(Sign(now), now + (_lifetime / 2));
                    _current = issued;
                }

                return issued.Token;
            }
        }
    }

    private string Sign(DateTimeOffset now)
    {
        var name = Certificates.PeerCertificateValidator.NameOf(_certificate);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = name,
            Audience = _audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _lifetime).UtcDateTime,
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = name },
            SigningCredentials = _credentials,
            // The signer's certificate travels with the token; the silo checks it against the cluster CA.
            AdditionalHeaderClaims = new Dictionary<string, object> { ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) } },
        });
    }

    private static SigningCredentials Credentials(X509Certificate2 certificate)
    {
        if (certificate.GetECDsaPrivateKey() is { } ecdsa)
        {
            var algorithm = ecdsa.KeySize switch
            {
                256 => SecurityAlgorithms.EcdsaSha256,
                384 => SecurityAlgorithms.EcdsaSha384,
                _ => SecurityAlgorithms.EcdsaSha512,
            };
            return new SigningCredentials(new ECDsaSecurityKey(ecdsa), algorithm);
        }

        if (certificate.GetRSAPrivateKey() is { } rsa)
        {
            return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        }

        throw new CryptographicException($"Certificate '{certificate.Subject}' has no ECDSA or RSA private key to sign caller tokens with.");
    }

    private sealed record Issued(string Token, DateTimeOffset RenewAt);
}
