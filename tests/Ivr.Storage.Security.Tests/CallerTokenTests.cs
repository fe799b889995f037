using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Ivr.Storage.Security.Certificates;
using Ivr.Storage.Security.Tokens;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ivr.Storage.Security.Tests;

/// <summary>
/// Caller tokens prove who calls: each attack a holder of the wire could try (forged signature, foreign or stolen
/// certificate, other subject, other deployment, expired or long-lived, unsigned, tampered) is refused.
/// </summary>
public sealed class CallerTokenTests
{
    private const string Audience = "ivr-storage-tests";
    private static readonly TestCertificates Certificates = TestCertificates.Shared;
    private static readonly ClusterCertificates Cluster = ClusterCertificates.Load(Certificates.Silo());
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task a_token_a_caller_signs_proves_its_certificate_s_name_and_the_caller_role()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));

        var check = await Validator().ValidateAsync(new CallerTokenIssuer(worker.Own, Audience, TimeSpan.FromMinutes(10), _time).Current);

        Assert.Equal("worker-a", check.Caller?.Name);
        Assert.Equal(CertificateRole.Caller, check.Caller?.Role);
    }

    [Fact]
    public async Task a_token_a_silo_signs_proves_the_silo_role()
    {
        var check = await Validator().ValidateAsync(new CallerTokenIssuer(Cluster.Own, Audience, TimeSpan.FromMinutes(10), _time).Current);

        Assert.Equal(CertificateRole.Silo, check.Caller?.Role);
    }

    [Fact]
    public async Task a_token_for_another_deployment_is_refused()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));

        var check = await Validator().ValidateAsync(new CallerTokenIssuer(worker.Own, "another-service", TimeSpan.FromMinutes(10), _time).Current);

        AssertRefused(check, "InvalidAudience");
    }

    [Fact]
    public async Task an_expired_token_is_refused_once_the_clock_skew_has_passed()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));
        var token = new CallerTokenIssuer(worker.Own, Audience, TimeSpan.FromMinutes(5), _time).Current;
        Assert.NotNull((await Validator().ValidateAsync(token)).Caller);

        _time.Advance(TimeSpan.FromMinutes(5) + CallerToken.ClockSkew + TimeSpan.FromSeconds(1));

        AssertRefused(await Validator().ValidateAsync(token), "Lifetime");
    }

    [Fact]
    public async Task a_remembered_token_is_refused_after_it_expires()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));
        var validator = Validator();
        var token = new CallerTokenIssuer(worker.Own, Audience, TimeSpan.FromMinutes(5), _time).Current;
        Assert.NotNull((await validator.ValidateAsync(token)).Caller);

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null((await validator.ValidateAsync(token)).Caller);
    }

    [Fact]
    public async Task a_token_signed_with_another_key_than_its_certificate_s_is_refused()
    {
        // What someone holding only the worker's certificate (public, it travels in every handshake) can make.
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var check = await Validator().ValidateAsync(Forge(worker, "worker-a", new ECDsaSecurityKey(otherKey), SecurityAlgorithms.EcdsaSha256));

        AssertRefused(check, "Signature");
    }

    [Fact]
    public async Task a_token_whose_certificate_another_ca_issued_is_refused()
    {
        var foreign = ClusterCertificates.Load(Certificates.ForeignCaller("worker-a"));

        var check = await Validator().ValidateAsync(new CallerTokenIssuer(foreign.Own, Audience, TimeSpan.FromMinutes(10), _time).Current);

        AssertRefused(check, "does not chain to the cluster CA");
    }

    [Fact]
    public async Task a_token_naming_another_caller_than_its_certificate_is_refused()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));

        var check = await Validator().ValidateAsync(Forge(worker, "ivr-storage-gateway", new ECDsaSecurityKey(worker.Own.GetECDsaPrivateKey()), SecurityAlgorithms.EcdsaSha256));

        AssertRefused(check, "InvalidIssuer");
    }

    [Fact]
    public async Task a_token_that_lives_longer_than_an_hour_is_refused()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));
        var key = new ECDsaSecurityKey(worker.Own.GetECDsaPrivateKey());

        var check = await Validator().ValidateAsync(Forge(worker, "worker-a", key, SecurityAlgorithms.EcdsaSha256, TimeSpan.FromHours(2)));

        AssertRefused(check, "lives longer");
    }

    [Fact]
    public async Task an_unsigned_token_is_refused()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));
        var signed = new CallerTokenIssuer(worker.Own, Audience, TimeSpan.FromMinutes(10), _time).Current;
        var parts = signed.Split('.');
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[0])).Replace("\"ES256\"", "\"none\"", StringComparison.Ordinal));

        AssertRefused(await Validator().ValidateAsync($"{header}.{parts[1]}."), string.Empty);
    }

    [Fact]
    public async Task a_token_whose_claims_were_changed_after_signing_is_refused()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));
        var parts = new CallerTokenIssuer(worker.Own, Audience, TimeSpan.FromMinutes(10), _time).Current.Split('.');
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"worker-a\"", "\"worker-b\"", StringComparison.Ordinal);

        AssertRefused(await Validator().ValidateAsync($"{parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}"), string.Empty);
    }

    [Theory]
    [InlineData(null, "no caller token")]
    [InlineData("", "no caller token")]
    [InlineData("not-a-token", "malformed")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "no signer certificate")]
    public async Task a_missing_or_malformed_token_is_refused_saying_why(string? token, string reason) =>
        AssertRefused(await Validator().ValidateAsync(token), reason);

    [Fact]
    public void the_issuer_hands_out_one_token_until_half_its_lifetime_then_a_new_one()
    {
        var worker = ClusterCertificates.Load(Certificates.Caller("worker-a"));
        var issuer = new CallerTokenIssuer(worker.Own, Audience, TimeSpan.FromMinutes(10), _time);
        var first = issuer.Current;

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Same(first, issuer.Current);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEqual(first, issuer.Current);
    }

    private CallerTokenValidator Validator() => new(Cluster.Validator, Audience, _time);

    private string Forge(ClusterCertificates signer, string subject, SecurityKey key, string algorithm, TimeSpan? lifetime = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = subject,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = subject },
            SigningCredentials = new SigningCredentials(key, algorithm),
            AdditionalHeaderClaims = new Dictionary<string, object> { ["x5c"] = new[] { Convert.ToBase64String(signer.Own.RawData) } },
        });
    }

    private static void AssertRefused(TokenCheck check, string reason)
    {
        Assert.Null(check.Caller);
        Assert.Contains(reason, check.Refusal, StringComparison.Ordinal);
    }
}
