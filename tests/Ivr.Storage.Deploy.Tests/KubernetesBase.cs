using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>The manifests deploy/k8s/base/kustomization.yaml lists, parsed once.</summary>
internal static class KubernetesBase
{
    public const string Directory = "deploy/k8s/base";

    private static readonly Lazy<IReadOnlyList<YamlMappingNode>> All = new(() =>
        [.. Resources.SelectMany(resource => Yaml.LoadDocuments($"{Directory}/{resource}"))]);

    public static YamlMappingNode Kustomization => Yaml.LoadDocuments($"{Directory}/kustomization.yaml").Single();

    public static IReadOnlyList<string> Resources => Kustomization.Strings("resources");

    public static IReadOnlyList<YamlMappingNode> Manifests => All.Value;

    public static YamlMappingNode Single(string kind, string name)
    {
        var matches = Manifests.Where(manifest => manifest.Text("kind") == kind && manifest.Text("metadata.name") == name).ToList();
        return matches.Count == 1 ? matches[0] : throw new Xunit.Sdk.XunitException($"expected one {kind} '{name}' in {Directory}, found {matches.Count}");
    }

    public static YamlMappingNode Silo => Single("Deployment", "ivr-storage-silo");

    public static YamlMappingNode SiloContainer => (YamlMappingNode)Silo.List("spec.template.spec.containers").Single();

    /// <summary>The container's environment variables by name.</summary>
    public static IReadOnlyDictionary<string, YamlMappingNode> Environment(YamlMappingNode container) =>
        container.List("env").Cast<YamlMappingNode>().ToDictionary(variable => variable.Text("name")!);

    /// <summary>Every container of every workload (Deployments and Jobs).</summary>
    public static IEnumerable<(string Workload, YamlMappingNode Container)> Containers() =>
        Manifests.Where(manifest => manifest.Text("kind") is "Deployment" or "Job")
            .SelectMany(manifest => manifest.List("spec.template.spec.containers").Cast<YamlMappingNode>().Select(container => (manifest.Text("metadata.name")!, container)));
}
