using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>The silo Deployment and its companions follow Orleans' Kubernetes conventions: labels, downward API, RBAC, probes, drain time, PDB, HPA.</summary>
public sealed class KubernetesSiloManifestTests
{
    [Fact]
    public void silo_pods_carry_the_orleans_labels_and_the_downward_api_environment()
    {
        var labels = KubernetesBase.Silo.Labels("spec.template.metadata.labels");
        Assert.False(string.IsNullOrEmpty(labels.GetValueOrDefault("orleans/serviceId")), "pod label orleans/serviceId");
        Assert.False(string.IsNullOrEmpty(labels.GetValueOrDefault("orleans/clusterId")), "pod label orleans/clusterId");
        foreach (var (key, value) in KubernetesBase.Silo.Labels("spec.selector.matchLabels"))
        {
            Assert.Equal(value, labels.GetValueOrDefault(key));
        }

        var environment = KubernetesBase.Environment(KubernetesBase.SiloContainer);
        var fieldRefs = new Dictionary<string, string>
        {
            ["POD_NAME"] = "metadata.name",
            ["POD_IP"] = "status.podIP",
            ["POD_NAMESPACE"] = "metadata.namespace",
            ["ORLEANS_SERVICE_ID"] = "metadata.labels['orleans/serviceId']",
            ["ORLEANS_CLUSTER_ID"] = "metadata.labels['orleans/clusterId']",
        };
        foreach (var (name, fieldPath) in fieldRefs)
        {
            Assert.True(environment.ContainsKey(name), $"silo env {name}");
            Assert.Equal(fieldPath, environment[name].Text("valueFrom.fieldRef.fieldPath"));
        }
    }

    [Fact]
    public void the_silo_service_account_may_get_watch_and_list_pods_and_nothing_more()
    {
        var serviceAccount = KubernetesBase.Silo.Text("spec.template.spec.serviceAccountName");
        Assert.NotNull(KubernetesBase.Single("ServiceAccount", serviceAccount!));
        var binding = KubernetesBase.Manifests.Single(manifest => manifest.Text("kind") == "RoleBinding"
            && manifest.List("subjects").Cast<YamlMappingNode>().Any(subject => subject.Text("kind") == "ServiceAccount" && subject.Text("name") == serviceAccount));
        Assert.Equal("Role", binding.Text("roleRef.kind"));
        var rules = KubernetesBase.Single("Role", binding.Text("roleRef.name")!).List("rules").Cast<YamlMappingNode>().ToList();
        var rule = Assert.Single(rules);
        Assert.Equal(["pods"], rule.Strings("resources"));
        Assert.Equal([""], rule.Strings("apiGroups"));
        Assert.Equal(["get", "list", "watch"], rule.Strings("verbs").Order());
    }

    [Fact]
    public void silo_probes_use_the_endpoints_the_service_defaults_map()
    {
        // Probes, /metrics and the dashboard share the silo's management port (Http:Url).
        var container = KubernetesBase.SiloContainer;
        Assert.Equal(ServiceDefaultsExtensions.AlivePath, container.Text("startupProbe.httpGet.path"));
        ManagementProbes.AssertOnManagementPort(KubernetesBase.Silo, "readinessProbe", "livenessProbe", "startupProbe");

        // The dashboard is where Http__Url listens: the container's http port.
        var httpPort = container.List("ports").Cast<YamlMappingNode>().Single(port => port.Text("name") == "http").Text("containerPort");
        var url = KubernetesBase.Environment(container)["Http__Url"].Text("value");
        Assert.Equal(httpPort, new Uri(url!).Port.ToString(CultureInfo.InvariantCulture));
        Assert.False(new Uri(url!).IsLoopback, "a loopback listener cannot be reached through the Service");
    }

    [Fact]
    public void rollouts_keep_every_silo_until_its_replacement_is_ready_and_leave_time_to_drain()
    {
        var silo = KubernetesBase.Silo;
        Assert.Equal("RollingUpdate", silo.Text("spec.strategy.type"));
        Assert.Equal("0", silo.Text("spec.strategy.rollingUpdate.maxUnavailable"));

        var gracePeriod = ConfiguredShutdownGracePeriod();
        var termination = int.Parse(silo.Text("spec.template.spec.terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);
        Assert.True(termination >= gracePeriod.TotalSeconds + 5,
            $"terminationGracePeriodSeconds ({termination}) leaves a margin over Orleans:ShutdownGracePeriod ({gracePeriod})");
    }

    [Fact]
    public void disruption_budget_and_autoscaler_target_the_silos()
    {
        var podLabels = KubernetesBase.Silo.Labels("spec.template.metadata.labels");
        var budget = KubernetesBase.Single("PodDisruptionBudget", "ivr-storage-silo");
        Assert.All(budget.Labels("spec.selector.matchLabels"), label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
        Assert.True(budget.Text("spec.maxUnavailable") == "1" || budget.Text("spec.minAvailable") is not null, "the budget limits disruptions");

        var autoscaler = KubernetesBase.Single("HorizontalPodAutoscaler", "ivr-storage-silo");
        Assert.Equal("autoscaling/v2", autoscaler.Text("apiVersion"));
        Assert.Equal("Deployment", autoscaler.Text("spec.scaleTargetRef.kind"));
        Assert.Equal("ivr-storage-silo", autoscaler.Text("spec.scaleTargetRef.name"));
        var min = int.Parse(autoscaler.Text("spec.minReplicas")!, CultureInfo.InvariantCulture);
        var max = int.Parse(autoscaler.Text("spec.maxReplicas")!, CultureInfo.InvariantCulture);
        Assert.InRange(min, 2, max);
    }

    /// <summary>The grace period the silo runs with: the manifest's environment, else the silo's appsettings.json.</summary>
    private static TimeSpan ConfiguredShutdownGracePeriod()
    {
        var fromManifest = KubernetesBase.Environment(KubernetesBase.SiloContainer).GetValueOrDefault("Orleans__ShutdownGracePeriod")?.Text("value");
        if (fromManifest is not null)
        {
            return TimeSpan.Parse(fromManifest, CultureInfo.InvariantCulture);
        }

        using var settings = JsonDocument.Parse(RepositoryFiles.Read("silo/Ivr.Storage.Silo/appsettings.json"));
        return TimeSpan.Parse(settings.RootElement.GetProperty("Orleans").GetProperty("ShutdownGracePeriod").GetString()!, CultureInfo.InvariantCulture);
    }
}
