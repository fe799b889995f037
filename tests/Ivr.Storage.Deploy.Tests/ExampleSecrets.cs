using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>deploy/k8s/base/secret.example.yaml: the Secrets the manifests expect, by name, and the example connection strings in it.</summary>
internal static partial class ExampleSecrets
{
    public const string File = KubernetesBase.Directory + "/secret.example.yaml";

    public static IReadOnlyDictionary<string, YamlMappingNode> All =>
        Yaml.LoadDocuments(File).Where(document => document.Text("kind") == "Secret").ToDictionary(secret => secret.Text("metadata.name")!);

    public static IReadOnlyList<string> Keys(string secret) =>
        [.. All[secret].Map("stringData").Children.Keys.Select(key => ((YamlScalarNode)key).Value!)];

    /// <summary>Connection strings of the example Secret and of the kubectl command in its comment (both are copied by operators).</summary>
    public static IReadOnlyList<(string Where, string Key, string Value)> ConnectionStrings =>
    [
        .. All.Values.SelectMany(secret => secret.Labels("stringData"))
            .Where(pair => pair.Key.EndsWith("connection-string", StringComparison.Ordinal))
            .Select(pair => ("secret.example.yaml stringData", pair.Key, pair.Value)),
        .. LiteralInComment().Matches(RepositoryFiles.Read(File))
            .Select(match => ("secret.example.yaml kubectl example", match.Groups["key"].Value, match.Groups["value"].Value)),
    ];

    [GeneratedRegex(@"--from-literal=(?<key>[a-z-]*connection-string)='(?<value>[^']*)'")]
    private static partial Regex LiteralInComment();
}
