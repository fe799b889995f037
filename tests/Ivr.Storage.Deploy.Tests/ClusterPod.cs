namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// A pod as NetworkPolicies see it: its labels and its namespace's labels. <see cref="NamespaceLabels"/> null is the
/// namespace the manifests are applied to.
/// </summary>
internal sealed record ClusterPod(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string>? NamespaceLabels = null)
{
    /// <summary>Labels of the namespace the overlay applies the base to (Kubernetes sets kubernetes.io/metadata.name).</summary>
    public static readonly IReadOnlyDictionary<string, string> OwnNamespace = Namespace("ivr-storage");

    public bool InOwnNamespace => NamespaceLabels is null;

    public static IReadOnlyDictionary<string, string> Namespace(string name, params (string Key, string Value)[] labels)
    {
        var all = labels.ToDictionary(label => label.Key, label => label.Value);
        all["kubernetes.io/metadata.name"] = name;
        return all;
    }

    public static ClusterPod Labelled(params (string Key, string Value)[] labels) => new(labels.ToDictionary(label => label.Key, label => label.Value));

    public ClusterPod In(IReadOnlyDictionary<string, string> namespaceLabels) => this with { NamespaceLabels = namespaceLabels };

    public override string ToString() =>
        $"pod {{{string.Join(", ", Labels.Select(label => $"{label.Key}={label.Value}"))}}} in namespace {(NamespaceLabels ?? OwnNamespace)["kubernetes.io/metadata.name"]}";
}
