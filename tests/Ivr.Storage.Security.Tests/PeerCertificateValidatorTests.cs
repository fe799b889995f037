using Ivr.Storage.Security.Certificates;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Security.Tests;

/// <summary>Which certificates pass for a silo or a caller: only the cluster CA's, and only in the role their usages give.</summary>
public sealed class PeerCertificateValidatorTests
{
    private static readonly TestCertificates Certificates = TestCertificates.Shared;

    [Fact]
    public void a_silo_certificate_passes_as_a_silo_and_not_as_a_caller()
    {
        var (validator, silo) = Load(Certificates.Silo());

        Assert.True(validator.IsValid(silo, CertificateRole.Silo, out _));
        Assert.False(validator.IsValid(silo, CertificateRole.Caller, out var reason));
        Assert.Contains("not a caller certificate", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_caller_certificate_passes_as_a_caller_and_not_as_a_silo()
    {
        var (validator, caller) = Load(Certificates.Caller("worker-a"));

        Assert.True(validator.IsValid(caller, CertificateRole.Caller, out _));
        Assert.False(validator.IsValid(caller, CertificateRole.Silo, out var reason));
        Assert.Contains("as a Silo certificate (NotValidForUsage)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_server_only_certificate_of_the_same_ca_like_redis_s_passes_for_neither_role()
    {
        var (validator, server) = Load(Certificates.ServerOnly("localhost"));

        Assert.False(validator.IsValid(server, CertificateRole.Silo, out _));
        Assert.False(validator.IsValid(server, CertificateRole.Caller, out _));
    }

    [Theory]
    [InlineData(CertificateRole.Silo)]
    [InlineData(CertificateRole.Caller)]
    public void a_certificate_of_another_ca_is_refused_in_either_role(CertificateRole role)
    {
        var options = role == CertificateRole.Silo ? Certificates.ForeignSilo("rogue-silo") : Certificates.ForeignCaller("rogue-caller");
        var (validator, foreign) = Load(options);

        Assert.False(validator.IsValid(foreign, role, out var reason));
        Assert.Contains("does not chain to the cluster CA", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void an_expired_caller_certificate_of_the_cluster_ca_is_refused()
    {
        var (validator, expired) = Load(Certificates.ExpiredCaller("late-worker"));

        Assert.False(validator.IsValid(expired, CertificateRole.Caller, out var reason));
        Assert.Contains("NotTimeValid", reason, StringComparison.Ordinal);
    }

    /// <summary>The validator of the cluster CA and the certificate <paramref name="options"/> names.</summary>
    private static (PeerCertificateValidator Validator, System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate) Load(ClusterTlsOptions options)
    {
        var loaded = ClusterCertificates.Load(options);
        var cluster = ClusterCertificates.Load(Certificates.Silo());
        return (cluster.Validator, loaded.Own);
    }
}
