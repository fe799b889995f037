using YamlDotNet.RepresentationModel;
using static Ivr.Storage.Deploy.Tests.ClusterPod;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// The NetworkPolicies of deploy/k8s/base, attacked: connections from pods that lack the labels, carry them in a
/// namespace nobody vouched for, or aim at the wrong port must not get through; the intended peers must.
/// </summary>
public sealed class KubernetesNetworkPolicyTests
{
    private const string SiloWorkload = "ivr-storage-silo";
    private const string GatewayWorkload = "ivr-storage-gateway";
    private const string MigrateWorkload = "ivr-storage-migrate";

    private static readonly IReadOnlyDictionary<string, string> Elsewhere = Namespace("elsewhere");
    private static readonly IReadOnlyDictionary<string, string> ClientNamespace = Namespace("ivr-server", ("ivr-storage/orleans-clients", "true"), ("ivr-storage/api-clients", "true"));
    private static readonly ClusterPod Unlabelled = Labelled(("app", "anything"));
    private static readonly ClusterPod OrleansClient = Labelled(("ivr-storage/orleans-client", "true"));
    private static readonly ClusterPod ApiClient = Labelled(("ivr-storage/api-client", "true"));
    private static readonly ClusterPod Monitoring = Labelled(("app", "prometheus")).In(Namespace("monitoring", ("ivr-storage/monitoring", "true")));
    private static readonly ClusterPod IngressController = Labelled(("app", "ingress-controller")).In(Namespace("ingress", ("ivr-storage/ingress-controller", "true")));
    private static readonly ClusterPod PostgreSql = Labelled(("ivr-storage/backend", "postgresql")).In(Namespace("databases"));
    private static readonly ClusterPod Redis = Labelled(("ivr-storage/backend", "redis")).In(Namespace("databases"));
    private static readonly ClusterPod RabbitMq = Labelled(("ivr-storage/backend", "rabbitmq")).In(Namespace("messaging"));
    private static readonly ClusterPod Dns = Labelled(("k8s-app", "kube-dns")).In(Namespace("kube-system"));

    private static ClusterPod Silo => NetworkPolicies.PodOf(SiloWorkload);

    private static ClusterPod Gateway => NetworkPolicies.PodOf(GatewayWorkload);

    [Fact]
    public void every_pod_of_the_namespace_is_selected_by_a_default_deny_ingress_policy()
    {
        var denyAll = NetworkPolicies.All.Where(policy => NetworkPolicies.Isolates(policy, "Ingress") && policy.List("spec.ingress").Count == 0).ToList();
        var pods = KubernetesBase.Manifests.Where(manifest => manifest.Text("kind") is "Deployment" or "Job")
            .Select(workload => (Name: workload.Text("metadata.name")!, Pod: new ClusterPod(workload.Labels("spec.template.metadata.labels"))))
            .Append((Name: "any other pod", Pod: Unlabelled))
            .ToList();
        Assert.True(pods.Count > 3, "the base's workloads were found");
        Assert.All(pods, pod => Assert.True(denyAll.Any(policy => NetworkPolicies.Selects(policy, pod.Pod)), $"{pod.Name} is selected by a default-deny ingress policy"));
    }

    [Fact]
    public void the_silo_to_silo_port_admits_the_other_silos_and_nobody_else()
    {
        var port = NetworkPolicies.PortOf(SiloWorkload, "silo");
        Assert.True(NetworkPolicies.AdmitsIngress(Silo, port, Silo), "silo to silo");
        AssertRefused(Silo, port, Unlabelled, Gateway, OrleansClient, OrleansClient.In(ClientNamespace), ApiClient, Monitoring, IngressController, Silo.In(Elsewhere));
    }

    [Fact]
    public void the_orleans_gateway_port_admits_only_labelled_orleans_clients_from_vouched_for_namespaces()
    {
        var port = NetworkPolicies.PortOf(SiloWorkload, "orleans-gateway");
        foreach (var client in new[] { Gateway, OrleansClient, OrleansClient.In(ClientNamespace) })
        {
            Assert.True(NetworkPolicies.AdmitsIngress(Silo, port, client), $"{client} reaches {port}");
        }

        // A label anyone may put on a pod of an unlabelled namespace is not enough; silos do not need this port of each other.
        AssertRefused(Silo, port, Unlabelled, Unlabelled.In(ClientNamespace), OrleansClient.In(Elsewhere), ApiClient, Monitoring, IngressController, Silo);
    }

    [Fact]
    public void the_gateway_api_port_admits_only_labelled_callers_and_the_ingress_controller()
    {
        var port = NetworkPolicies.PortOf(GatewayWorkload, "http");
        foreach (var caller in new[] { ApiClient, ApiClient.In(ClientNamespace), IngressController })
        {
            Assert.True(NetworkPolicies.AdmitsIngress(Gateway, port, caller), $"{caller} reaches {port}");
        }

        AssertRefused(Gateway, port, Unlabelled, Unlabelled.In(ClientNamespace), ApiClient.In(Elsewhere), OrleansClient, Silo, Monitoring);
    }

    [Fact]
    public void management_ports_admit_the_monitoring_namespace_and_the_silos_dashboard_port_the_ingress_controller()
    {
        var siloManagement = NetworkPolicies.PortOf(SiloWorkload, "management");
        Assert.True(NetworkPolicies.AdmitsIngress(Silo, siloManagement, Monitoring), "Prometheus scrapes the silos");
        AssertRefused(Silo, siloManagement, Unlabelled, Gateway, ApiClient, OrleansClient, IngressController, Labelled(("app", "prometheus")).In(Elsewhere));

        var siloDashboard = NetworkPolicies.PortOf(SiloWorkload, "http");
        Assert.True(NetworkPolicies.AdmitsIngress(Silo, siloDashboard, IngressController), "the dashboard's ingress reaches the silos");
        AssertRefused(Silo, siloDashboard, Unlabelled, Gateway, ApiClient, OrleansClient, Monitoring);

        var gatewayManagement = NetworkPolicies.PortOf(GatewayWorkload, "management");
        Assert.True(NetworkPolicies.AdmitsIngress(Gateway, gatewayManagement, Monitoring), "Prometheus scrapes the gateway");
        AssertRefused(Gateway, gatewayManagement, Unlabelled, ApiClient, ApiClient.In(ClientNamespace), IngressController, Silo);
    }

    [Fact]
    public void silos_reach_the_other_silos_postgresql_redis_rabbitmq_and_dns_and_not_the_pods_around_them()
    {
        var siloPort = NetworkPolicies.PortOf(SiloWorkload, "silo");
        AssertReaches(Silo, (Silo, siloPort), (PostgreSql, Tcp(5432)), (Redis, Tcp(6379)), (RabbitMq, Tcp(5671)), (Dns, new PodPort(null, 53, "UDP")), (Dns, Tcp(53)));
        AssertDoesNotReach(Silo, (Silo, NetworkPolicies.PortOf(SiloWorkload, "orleans-gateway")), (Unlabelled.In(Namespace("databases")), Tcp(5432)),
            (Unlabelled.In(Namespace("messaging")), Tcp(5671)), (RabbitMq, Tcp(5672)),
            (Unlabelled, Tcp(6379)), (Dns.In(Elsewhere), new PodPort(null, 53, "UDP")), (Gateway, NetworkPolicies.PortOf(GatewayWorkload, "http")), (Unlabelled, Tcp(80)));
    }

    [Fact]
    public void the_gateway_reaches_the_silos_orleans_gateway_port_redis_and_dns_only()
    {
        AssertReaches(Gateway, (Silo, NetworkPolicies.PortOf(SiloWorkload, "orleans-gateway")), (Redis, Tcp(6379)), (Dns, new PodPort(null, 53, "UDP")));
        AssertDoesNotReach(Gateway, (Silo, NetworkPolicies.PortOf(SiloWorkload, "silo")), (Silo, NetworkPolicies.PortOf(SiloWorkload, "management")), (PostgreSql, Tcp(5432)), (Unlabelled, Tcp(6379)), (Unlabelled, Tcp(443)));
    }

    [Fact]
    public void the_migration_job_reaches_postgresql_and_dns_only()
    {
        var migrate = NetworkPolicies.PodOf(MigrateWorkload);
        AssertReaches(migrate, (PostgreSql, Tcp(5432)), (Dns, Tcp(53)));
        AssertDoesNotReach(migrate, (Redis, Tcp(6379)), (Silo, NetworkPolicies.PortOf(SiloWorkload, "silo")), (Unlabelled, Tcp(443)));
    }

    [Fact]
    public void policies_name_ports_the_pods_declare_and_every_egress_rule_names_its_ports()
    {
        var workloads = KubernetesBase.Manifests.Where(manifest => manifest.Text("kind") is "Deployment" or "Job").ToList();
        var declared = workloads.SelectMany(NetworkPolicies.ContainerPorts).Select(port => port.Name).OfType<string>().ToHashSet();
        foreach (var policy in NetworkPolicies.All)
        {
            var name = policy.Text("metadata.name");
            var selectedPorts = workloads.Where(workload => NetworkPolicies.Selects(policy, new ClusterPod(workload.Labels("spec.template.metadata.labels"))))
                .SelectMany(NetworkPolicies.ContainerPorts).Select(port => port.Name).ToHashSet();
            foreach (var rule in policy.List("spec.ingress").Cast<YamlMappingNode>())
            {
                Assert.True(rule.List("ports").Count > 0, $"{name}: every ingress rule names its ports");
                Assert.All(NamedPorts(rule), port => Assert.True(selectedPorts.Contains(port), $"{name}: ingress port '{port}' is a container port of the pods it selects"));
            }

            foreach (var rule in policy.List("spec.egress").Cast<YamlMappingNode>())
            {
                Assert.True(rule.List("ports").Count > 0, $"{name}: every egress rule names its ports");
                Assert.All(NamedPorts(rule), port => Assert.True(declared.Contains(port), $"{name}: egress port '{port}' is a container port of a workload"));
            }
        }
    }

    private static PodPort Tcp(int number) => new(null, number);

    /// <summary>The ports of a rule given by container port name rather than number.</summary>
    private static IEnumerable<string> NamedPorts(YamlMappingNode rule) =>
        rule.List("ports").Select(port => port.Text("port") ?? string.Empty).Where(port => !port.All(char.IsAsciiDigit));

    private static void AssertRefused(ClusterPod target, PodPort port, params ClusterPod[] sources) =>
        Assert.All(sources, source => Assert.False(NetworkPolicies.AdmitsIngress(target, port, source), $"{source} must not reach {port} of {target}"));

    private static void AssertReaches(ClusterPod origin, params (ClusterPod Destination, PodPort Port)[] destinations) =>
        Assert.All(destinations, item => Assert.True(NetworkPolicies.AdmitsEgress(origin, item.Destination, item.Port), $"{origin} reaches {item.Port} of {item.Destination}"));

    private static void AssertDoesNotReach(ClusterPod origin, params (ClusterPod Destination, PodPort Port)[] destinations) =>
        Assert.All(destinations, item => Assert.False(NetworkPolicies.AdmitsEgress(origin, item.Destination, item.Port), $"{origin} must not reach {item.Port} of {item.Destination}"));
}
