using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// Evaluates the base's NetworkPolicies the way a network plugin does, so tests can ask "does this connection get
/// through?" instead of comparing YAML. Rules of the API: a pod no policy selects for a direction accepts everything in
/// it; once selected, a connection passes if any rule of any selecting policy admits its port and its peer. A peer
/// with only a podSelector means pods of the policy's own namespace; with only a namespaceSelector every pod of those
/// namespaces; with both, pods matching both. Missing or empty `from`/`to` or `ports` match everything. An ipBlock
/// counts as admitting any pod (pod addresses may fall into it). matchExpressions and endPort are refused rather than
/// guessed at.
/// </summary>
internal static class NetworkPolicies
{
    public static IReadOnlyList<YamlMappingNode> All =>
        [.. KubernetesBase.Manifests.Where(manifest => manifest.Text("kind") == "NetworkPolicy")];

    /// <summary>The pod template of a Deployment or Job of the base, as a pod of the own namespace.</summary>
    public static ClusterPod PodOf(string workload) =>
        new(Workload(workload).Labels("spec.template.metadata.labels"));

    /// <summary>A container port of a workload by its name.</summary>
    public static PodPort PortOf(string workload, string name)
    {
        var port = ContainerPorts(Workload(workload)).SingleOrDefault(port => port.Name == name);
        return port ?? throw new Xunit.Sdk.XunitException($"{workload} has no container port named '{name}'");
    }

    public static IEnumerable<PodPort> ContainerPorts(YamlMappingNode workload) =>
        workload.List("spec.template.spec.containers").Cast<YamlMappingNode>()
            .SelectMany(container => container.List("ports").Cast<YamlMappingNode>())
            .Select(port => new PodPort(port.Text("name"), int.Parse(port.Text("containerPort")!, CultureInfo.InvariantCulture), port.Text("protocol") ?? "TCP"));

    public static bool Isolates(YamlMappingNode policy, string direction) =>
        policy.List("spec.policyTypes").Count > 0
            ? policy.Strings("spec.policyTypes").Contains(direction)
            : direction == "Ingress" || policy.Find("spec.egress") is not null;

    public static bool Selects(YamlMappingNode policy, ClusterPod pod) =>
        pod.InOwnNamespace && Matches(policy.Find("spec.podSelector"), pod.Labels);

    /// <summary>Whether <paramref name="source"/> may open a connection to <paramref name="port"/> of <paramref name="target"/>.</summary>
    public static bool AdmitsIngress(ClusterPod target, PodPort port, ClusterPod source) =>
        Admits(target, "Ingress", "ingress", "from", port, source);

    /// <summary>Whether <paramref name="origin"/> may open a connection to <paramref name="port"/> of <paramref name="destination"/>.</summary>
    public static bool AdmitsEgress(ClusterPod origin, ClusterPod destination, PodPort port) =>
        Admits(origin, "Egress", "egress", "to", port, destination);

    private static bool Admits(ClusterPod selected, string direction, string rulesKey, string peersKey, PodPort port, ClusterPod peer)
    {
        var policies = All.Where(policy => Isolates(policy, direction) && Selects(policy, selected)).ToList();
        return policies.Count == 0 || policies
            .SelectMany(policy => policy.List($"spec.{rulesKey}").Cast<YamlMappingNode>())
            .Any(rule => PortsMatch(rule.List("ports"), port) && PeersMatch(rule.List(peersKey), peer));
    }

    private static bool PortsMatch(IReadOnlyList<YamlNode> ports, PodPort port) =>
        ports.Count == 0 || ports.Cast<YamlMappingNode>().Any(entry =>
        {
            if (entry.Find("endPort") is not null)
            {
                throw new Xunit.Sdk.XunitException("endPort is not evaluated by these tests");
            }

            var value = entry.Text("port");
            return (entry.Text("protocol") ?? "TCP") == port.Protocol && (value is null || port.IsNamedBy(value));
        });

    private static bool PeersMatch(IReadOnlyList<YamlNode> peers, ClusterPod pod) =>
        peers.Count == 0 || peers.Cast<YamlMappingNode>().Any(peer =>
        {
            if (peer.Find("ipBlock") is not null)
            {
                return true;
            }

            var namespaceSelector = peer.Find("namespaceSelector");
            var inNamespace = namespaceSelector is null ? pod.InOwnNamespace : Matches(namespaceSelector, pod.NamespaceLabels ?? ClusterPod.OwnNamespace);
            var podSelector = peer.Find("podSelector");
            return inNamespace && (podSelector is null || Matches(podSelector, pod.Labels));
        });

    /// <summary>A label selector; an empty one ({}) selects everything.</summary>
    private static bool Matches(YamlNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not YamlMappingNode mapping)
        {
            throw new Xunit.Sdk.XunitException("a NetworkPolicy selector must be a mapping");
        }

        if (mapping.Find("matchExpressions") is not null)
        {
            throw new Xunit.Sdk.XunitException("matchExpressions are not evaluated by these tests; use matchLabels");
        }

        return mapping.Labels("matchLabels").All(label => labels.GetValueOrDefault(label.Key) == label.Value);
    }

    private static YamlMappingNode Workload(string name) =>
        KubernetesBase.Manifests.SingleOrDefault(manifest => manifest.Text("kind") is "Deployment" or "Job" && manifest.Text("metadata.name") == name)
            ?? throw new Xunit.Sdk.XunitException($"no Deployment or Job '{name}' in {KubernetesBase.Directory}");
}
