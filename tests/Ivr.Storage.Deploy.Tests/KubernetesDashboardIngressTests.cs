using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>The Orleans dashboard is published through an Ingress that terminates TLS and routes nothing but the dashboard.</summary>
public sealed class KubernetesDashboardIngressTests
{
    [Fact]
    public void the_dashboard_ingress_serves_only_the_dashboard_path_over_tls_to_the_silos_http_port()
    {
        var ingress = KubernetesBase.Manifests.Single(manifest => manifest.Text("kind") == "Ingress");

        // TLS for every host it serves, with a certificate Secret.
        var tls = ingress.List("spec.tls").Cast<YamlMappingNode>().ToList();
        Assert.NotEmpty(tls);
        Assert.All(tls, entry => Assert.False(string.IsNullOrEmpty(entry.Text("secretName")), "each tls entry names its certificate Secret"));
        var tlsHosts = tls.SelectMany(entry => entry.Strings("hosts")).ToHashSet();
        var rules = ingress.List("spec.rules").Cast<YamlMappingNode>().ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.True(rule.Text("host") is { } host && tlsHosts.Contains(host), $"host {rule.Text("host")} is covered by the tls section"));

        // Only the dashboard's path, to the silo Service's port that targets the container's http port (the dashboard's
        // listener; probes and /metrics are on the management port, which no ingress reaches).
        var path = Assert.Single(rules.SelectMany(rule => rule.List("http.paths")).Cast<YamlMappingNode>());
        Assert.Equal(DashboardPath(), path.Text("path"));
        Assert.Equal("Prefix", path.Text("pathType"));
        var service = KubernetesBase.Single("Service", path.Text("backend.service.name")!);
        var servicePort = service.List("spec.ports").Cast<YamlMappingNode>()
            .Single(port => port.Text("name") == path.Text("backend.service.port.name") || port.Text("port") == path.Text("backend.service.port.number"));
        Assert.Equal("http", servicePort.Text("targetPort"));
        var podLabels = KubernetesBase.Silo.Labels("spec.template.metadata.labels");
        Assert.All(service.Labels("spec.selector"), label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));

        // No controller-specific annotations: it works with the cluster's default IngressClass.
        Assert.Empty(ingress.Labels("metadata.annotations"));
    }

    /// <summary>Dashboard:Path of the silo's appsettings.json, unless the manifest overrides it.</summary>
    private static string DashboardPath()
    {
        var fromManifest = KubernetesBase.Environment(KubernetesBase.SiloContainer).GetValueOrDefault("Dashboard__Path")?.Text("value");
        if (fromManifest is not null)
        {
            return fromManifest;
        }

        using var settings = JsonDocument.Parse(
            RepositoryFiles.Read("silo/Ivr.Storage.Silo/appsettings.json"),
            // .NET's JSON configuration reads comments and trailing commas; so does this test.
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return settings.RootElement.GetProperty("Dashboard").GetProperty("Path").GetString()!;
    }
}
