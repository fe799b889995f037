using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Ivr.Storage.Security.Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ivr.Storage.Security.Tokens;

/// <summary>
/// Checks a caller token: signed (ES256/384/512 or RS256 only) by the key of the certificate in its <c>x5c</c>
/// header, that certificate issued by the cluster CA (<see cref="PeerCertificateValidator"/>), subject and issuer
/// equal to the certificate's name, audience the cluster's service id, short-lived and not expired. A valid token is
/// remembered until it expires, so a caller's calls cost one signature check per token per silo.
/// </summary>
public sealed class CallerTokenValidator
{
    private const int MaxCachedTokens = 8192;
    private static readonly string[] Algorithms =
        [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512, SecurityAlgorithms.RsaSha256];

    private readonly PeerCertificateValidator _certificates;
    private readonly string _audience;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, VerifiedCaller> _valid = new(StringComparer.Ordinal);

    public CallerTokenValidator(PeerCertificateValidator certificates, string audience, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        _certificates = certificates;
        _audience = audience;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The caller <paramref name="token"/> proves, or a refusal saying why not. Completes at once for a token seen before.</summary>
    public ValueTask<TokenCheck> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return ValueTask.FromResult(TokenCheck.Refused("the call carries no caller token"));
        }

        if (_valid.TryGetValue(token, out var known) && known.ValidUntil > _time.GetUtcNow())
        {
            return ValueTask.FromResult(TokenCheck.Valid(known));
        }

        return new ValueTask<TokenCheck>(CheckAndRememberAsync(token));
    }

    private async Task<TokenCheck> CheckAndRememberAsync(string token)
    {
        // Off the caller's scheduler: the token library's continuations must not queue behind a grain's turn.
        var check = await Task.Run(() => CheckAsync(token)).ConfigureAwait(false);
        if (check.Caller is { } caller)
        {
            if (_valid.Count >= MaxCachedTokens)
            {
                Prune();
            }

            _valid[token] = caller;
        }

        return check;
    }

    private async Task<TokenCheck> CheckAsync(string token)
    {
        string reason;
        JsonWebToken jwt;
        X509Certificate2 signer;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
            if (!jwt.TryGetHeaderValue<string[]>("x5c", out var chain) || chain is not [var first, ..])
            {
                return TokenCheck.Refused("the caller token names no signer certificate (x5c)");
            }

            signer = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(first));
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            return TokenCheck.Refused($"the caller token is malformed ({ex.GetType().Name})");
        }

        using (signer)
        {
            CertificateRole role;
            if (_certificates.IsValid(signer, CertificateRole.Silo, out _))
            {
                role = CertificateRole.Silo;
            }
            else if (_certificates.IsValid(signer, CertificateRole.Caller, out reason))
            {
                role = CertificateRole.Caller;
            }
            else
            {
                return TokenCheck.Refused(reason);
            }

            var name = PeerCertificateValidator.NameOf(signer);
            var result = await _handler.ValidateTokenAsync(jwt, Parameters(signer, name)).ConfigureAwait(false);
            if (!result.IsValid)
            {
                return TokenCheck.Refused($"the caller token of '{name}' is not valid: {result.Exception?.GetType().Name ?? "rejected"}");
            }

            if (jwt.Subject != name || jwt.ValidTo - jwt.ValidFrom > CallerToken.MaxLifetime)
            {
                return TokenCheck.Refused($"the caller token of '{name}' names another subject or lives longer than {CallerToken.MaxLifetime}");
            }

            return TokenCheck.Valid(new VerifiedCaller(name, role, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)));
        }
    }

    private TokenValidationParameters Parameters(X509Certificate2 signer, string name) => new()
    {
        ValidAlgorithms = Algorithms,
        IssuerSigningKey = PublicKey(signer),
        // The token names no key id: its one candidate key is the x5c certificate's.
        TryAllIssuerSigningKeys = true,
        ValidateIssuerSigningKey = true,
        ValidIssuer = name,
        ValidAudience = _audience,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        // Lifetime is checked against our TimeProvider (tests move it), not the library's clock.
        ValidateLifetime = true,
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = _time.GetUtcNow().UtcDateTime;
            return expires is { } end && now < end + CallerToken.ClockSkew && (notBefore is not { } start || now >= start - CallerToken.ClockSkew);
        },
    };

    private static SecurityKey PublicKey(X509Certificate2 signer) =>
        signer.GetECDsaPublicKey() is { } ecdsa ? new ECDsaSecurityKey(ecdsa)
        : signer.GetRSAPublicKey() is { } rsa ? new RsaSecurityKey(rsa)
        : throw new SecurityTokenInvalidSigningKeyException($"Certificate '{signer.Subject}' has no ECDSA or RSA key.");

    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (token, caller) in _valid)
        {
            if (caller.ValidUntil <= now)
            {
                _valid.TryRemove(token, out _);
            }
        }

        if (_valid.Count >= MaxCachedTokens)
        {
            _valid.Clear();
        }
    }
}
