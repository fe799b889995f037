using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// The Kubernetes workloads read their Orleans certificate from a kubernetes.io/tls Secret mounted read-only, and
/// reach PostgreSQL and Redis only over verified TLS with the CA mounted where the connection strings look for it.
/// </summary>
public sealed class KubernetesTlsTests
{
    private const string TlsDirectory = "/etc/ivr-storage/tls";

    [Theory]
    [InlineData("ivr-storage-silo", "Orleans")]
    [InlineData("ivr-storage-gateway", "IvrStorage")]
    public void the_orleans_certificate_and_key_come_read_only_from_a_tls_secret_only_the_pods_user_can_read(string workload, string section)
    {
        var deployment = KubernetesBase.Single("Deployment", workload);
        var container = (YamlMappingNode)deployment.List("spec.template.spec.containers").Single();
        var environment = KubernetesBase.Environment(container);
        foreach (var (setting, key) in new[] { ("CertificatePath", "tls.crt"), ("KeyPath", "tls.key"), ("CaPath", "ca.crt") })
        {
            Assert.Equal($"{TlsDirectory}/{key}", environment.GetValueOrDefault($"{section}__Tls__{setting}")?.Text("value"));
        }

        var mount = container.List("volumeMounts").Cast<YamlMappingNode>().SingleOrDefault(mount => mount.Text("mountPath") == TlsDirectory);
        Assert.True(mount is not null, $"{workload} mounts {TlsDirectory}");
        Assert.Equal("true", mount.Text("readOnly"));
        var volume = deployment.List("spec.template.spec.volumes").Cast<YamlMappingNode>().Single(volume => volume.Text("name") == mount.Text("name"));
        var secretName = volume.Text("secret.secretName");
        Assert.True(secretName is not null, $"{workload}: the TLS volume is a Secret");

        var secret = ExampleSecrets.All.GetValueOrDefault(secretName);
        Assert.True(secret is not null, $"{secretName} is in secret.example.yaml");
        Assert.Equal("kubernetes.io/tls", secret.Text("type"));
        Assert.Superset(new HashSet<string> { "tls.crt", "tls.key", "ca.crt" }, ExampleSecrets.Keys(secretName).ToHashSet());

        // Readable by the pod's group (fsGroup) and nobody else; the container runs as that group.
        var mode = volume.Text("secret.defaultMode") ?? "0644";
        Assert.Equal(0, FileMode(mode) & 0b111);
        Assert.Equal(deployment.Text("spec.template.spec.securityContext.runAsGroup"), deployment.Text("spec.template.spec.securityContext.fsGroup"));
    }

    [Fact]
    public void every_container_that_connects_to_postgresql_or_redis_mounts_the_ca_that_verifies_it()
    {
        var examples = ExampleSecrets.All["ivr-storage-secrets"].Labels("stringData");
        var checkedConnections = 0;
        foreach (var (workload, container) in KubernetesBase.Containers())
        {
            var environment = KubernetesBase.Environment(container);
            var mounts = container.List("volumeMounts").Cast<YamlMappingNode>()
                .Where(mount => mount.Text("readOnly") == "true")
                .Select(mount => mount.Text("mountPath")!.TrimEnd('/'))
                .ToList();
            foreach (var (name, variable) in environment.Where(variable => variable.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                var key = variable.Text("valueFrom.secretKeyRef.key")!;
                var ca = ConnectionStringExamples.AssertEncrypted($"{workload} ({key})", name, examples[key]);
                checkedConnections++;
                if (ca is not null)
                {
                    Assert.True(mounts.Any(mount => ca.StartsWith(mount + "/", StringComparison.Ordinal)), $"{workload}: {ca} of {name} is in a read-only mount");
                }
                else
                {
                    // StackExchange.Redis trusts what .NET trusts: a mounted CA directory must be in SSL_CERT_DIR.
                    var directories = environment.GetValueOrDefault("SSL_CERT_DIR")?.Text("value")?.Split(':') ?? [];
                    Assert.True(directories.Any(mounts.Contains), $"{workload}: SSL_CERT_DIR lists a read-only mount holding the CA of Redis");
                }
            }
        }

        Assert.Equal(5, checkedConnections); // silo: journal, Redis and RabbitMQ; gateway: Redis; migrate: migrations
    }

    private static int FileMode(string text) =>
        text.StartsWith('0') ? Convert.ToInt32(text, 8) : int.Parse(text, CultureInfo.InvariantCulture);
}
