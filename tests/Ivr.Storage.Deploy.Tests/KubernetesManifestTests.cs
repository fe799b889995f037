using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>Invariants of deploy/k8s as a whole: kustomizations, workloads, gateway, migration Job, secrets.</summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void the_kustomization_lists_files_that_exist_and_leaves_the_example_secret_out()
    {
        Assert.NotEmpty(KubernetesBase.Resources);
        foreach (var resource in KubernetesBase.Resources)
        {
            Assert.True(File.Exists(RepositoryFiles.PathOf($"{KubernetesBase.Directory}/{resource}")), $"{resource} listed in the kustomization exists");
        }

        Assert.DoesNotContain("secret.example.yaml", KubernetesBase.Resources);
        Assert.True(File.Exists(RepositoryFiles.PathOf($"{KubernetesBase.Directory}/secret.example.yaml")), "an example Secret documents the keys");
        Assert.DoesNotContain(KubernetesBase.Manifests, manifest => manifest.Text("kind") == "Secret");
        var unlisted = Directory.GetFiles(RepositoryFiles.PathOf(KubernetesBase.Directory), "*.yaml")
            .Select(Path.GetFileName)
            .Where(file => file is not "kustomization.yaml" and not "secret.example.yaml" && !KubernetesBase.Resources.Contains(file!));
        Assert.Empty(unlisted);
    }

    [Fact]
    public void the_overlay_builds_on_the_base_and_sets_namespace_images_and_replicas()
    {
        const string overlay = "deploy/k8s/overlays/example";
        var kustomization = Yaml.LoadDocuments($"{overlay}/kustomization.yaml").Single();
        foreach (var resource in kustomization.Strings("resources"))
        {
            var path = RepositoryFiles.PathOf($"{overlay}/{resource}");
            Assert.True(File.Exists(path) || File.Exists(Path.Combine(path, "kustomization.yaml")), $"overlay resource {resource} exists");
        }

        Assert.Contains("../../base", kustomization.Strings("resources"));
        Assert.False(string.IsNullOrEmpty(kustomization.Text("namespace")), "the overlay sets a namespace");
        var images = kustomization.List("images").Cast<YamlMappingNode>().ToDictionary(image => image.Text("name")!, image => image.Text("newTag"));
        Assert.Equal(["ivr-storage-gateway", "ivr-storage-silo"], images.Keys.Order());
        Assert.All(images.Values, tag => Assert.False(string.IsNullOrEmpty(tag) || tag == "latest", "the overlay pins an image tag"));
        Assert.Contains(kustomization.List("replicas").Cast<YamlMappingNode>(), replicas => replicas.Text("name") == "ivr-storage-silo");
    }

    [Fact]
    public void every_workload_container_has_resource_requests_and_limits_and_runs_as_non_root()
    {
        foreach (var (workload, container) in KubernetesBase.Containers())
        {
            foreach (var path in new[] { "resources.requests.cpu", "resources.requests.memory", "resources.limits.cpu", "resources.limits.memory" })
            {
                Assert.False(string.IsNullOrEmpty(container.Text(path)), $"{workload}: {path}");
            }

            Assert.Equal("false", container.Text("securityContext.allowPrivilegeEscalation"));
        }

        foreach (var workload in KubernetesBase.Manifests.Where(manifest => manifest.Text("kind") is "Deployment" or "Job"))
        {
            Assert.Equal("true", workload.Text("spec.template.spec.securityContext.runAsNonRoot"));
            Assert.NotEqual("0", workload.Text("spec.template.spec.securityContext.runAsUser"));
        }
    }

    [Fact]
    public void the_gateway_has_a_deployment_and_a_service_that_selects_it()
    {
        var gateway = KubernetesBase.Single("Deployment", "ivr-storage-gateway");
        var service = KubernetesBase.Single("Service", "ivr-storage-gateway");
        var podLabels = gateway.Labels("spec.template.metadata.labels");
        Assert.All(service.Labels("spec.selector"), label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
        ManagementProbes.AssertOnManagementPort(gateway, "readinessProbe", "livenessProbe");
    }

    [Fact]
    public void the_migration_job_runs_the_silo_migrate_command_with_the_owner_connection_string()
    {
        var job = KubernetesBase.Single("Job", "ivr-storage-migrate");
        var container = (YamlMappingNode)job.List("spec.template.spec.containers").Single();
        Assert.Equal(KubernetesBase.SiloContainer.Text("image"), container.Text("image"));
        Assert.Equal(["migrate"], container.Strings("args"));
        Assert.NotNull(KubernetesBase.Environment(container)["ConnectionStrings__Migrations"].Find("valueFrom.secretKeyRef"));
    }

    [Fact]
    public void connection_strings_and_credentials_come_from_secrets_never_from_literal_values()
    {
        foreach (var (workload, container) in KubernetesBase.Containers())
        {
            foreach (var (name, variable) in KubernetesBase.Environment(container))
            {
                if (name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Username", StringComparison.Ordinal) || name.EndsWith("Sha256", StringComparison.Ordinal))
                {
                    Assert.True(variable.Find("valueFrom.secretKeyRef") is not null, $"{workload}: {name} comes from a secretKeyRef");
                    Assert.Null(variable.Find("value"));
                }
            }
        }

        foreach (var manifest in KubernetesBase.Manifests)
        {
            foreach (var (path, value) in manifest.Scalars())
            {
                Assert.False(value.Contains("Password=", StringComparison.OrdinalIgnoreCase), $"{manifest.Text("metadata.name")}{path} holds no password");
            }
        }
    }

    [Fact]
    public void the_example_secrets_have_placeholders_only_and_document_every_secret_and_key_the_manifests_use()
    {
        var secrets = ExampleSecrets.All;
        Assert.NotEmpty(secrets);
        foreach (var (name, secret) in secrets)
        {
            var values = secret.Map("stringData").Children.Select(pair => ((YamlScalarNode)pair.Value).Value ?? string.Empty).ToList();
            Assert.NotEmpty(values);
            Assert.All(values, value => Assert.True(value.Contains('<', StringComparison.Ordinal), $"{name}: '{value}' is a placeholder"));
        }

        foreach (var (secretName, key) in KubernetesBase.Containers()
            .SelectMany(item => KubernetesBase.Environment(item.Container).Values)
            .Select(variable => (variable.Text("valueFrom.secretKeyRef.name"), variable.Text("valueFrom.secretKeyRef.key")))
            .Where(reference => reference.Item1 is not null)
            .Distinct())
        {
            Assert.True(secrets.ContainsKey(secretName!), $"Secret {secretName} is in the example");
            Assert.Contains(key!, ExampleSecrets.Keys(secretName!));
        }

        var mounted = KubernetesBase.Manifests.SelectMany(manifest => manifest.List("spec.template.spec.volumes").Cast<YamlMappingNode>())
            .Select(volume => volume.Text("secret.secretName"))
            .OfType<string>();
        var ingressCertificates = KubernetesBase.Manifests.Where(manifest => manifest.Text("kind") == "Ingress")
            .SelectMany(ingress => ingress.List("spec.tls").Cast<YamlMappingNode>())
            .Select(tls => tls.Text("secretName"))
            .OfType<string>();
        Assert.All(mounted.Concat(ingressCertificates), name => Assert.True(secrets.ContainsKey(name), $"Secret {name} is in the example"));
    }

    [Fact]
    public void every_example_connection_string_is_encrypted_and_verifies_the_server()
    {
        var examples = ExampleSecrets.ConnectionStrings;
        Assert.True(examples.Count >= 6, "the Secret's three connection strings and the kubectl command's three");
        foreach (var (where, key, value) in examples)
        {
            ConnectionStringExamples.AssertEncrypted(where, key, value);
        }
    }
}
