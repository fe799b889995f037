using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>Loads YAML files (every document, merge keys resolved) and walks them by key paths, failing with the path.</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string relativePath)
    {
        using var reader = new StringReader(RepositoryFiles.Read(relativePath));
        var stream = new YamlStream();
        // MergingParser resolves `<<: *anchor`, which compose files use.
        stream.Load(new MergingParser(new Parser(reader)));
        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlNode? Find(this YamlNode node, string path)
    {
        YamlNode? current = node;
        foreach (var key in path.Split('.'))
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? Text(this YamlNode node, string path) => (node.Find(path) as YamlScalarNode)?.Value;

    public static YamlMappingNode Map(this YamlNode node, string path) =>
        node.Find(path) as YamlMappingNode ?? throw new Xunit.Sdk.XunitException($"expected a mapping at '{path}'");

    public static IReadOnlyList<YamlNode> List(this YamlNode node, string path) =>
        node.Find(path) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static IReadOnlyList<string> Strings(this YamlNode node, string path) =>
        [.. node.List(path).OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? string.Empty)];

    public static IReadOnlyDictionary<string, string> Labels(this YamlNode node, string path) =>
        node.Find(path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (pair.Value as YamlScalarNode)?.Value ?? string.Empty)
            : new Dictionary<string, string>();

    /// <summary>Every scalar in the tree with its key path, for scans such as "no secret values".</summary>
    public static IEnumerable<(string Path, string Value)> Scalars(this YamlNode node, string path = "")
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                yield return (path, scalar.Value ?? string.Empty);
                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    foreach (var item in value.Scalars($"{path}.{((YamlScalarNode)key).Value}"))
                    {
                        yield return item;
                    }
                }

                break;
            case YamlSequenceNode sequence:
                var index = 0;
                foreach (var child in sequence.Children)
                {
                    foreach (var item in child.Scalars($"{path}[{index++}]"))
                    {
                        yield return item;
                    }
                }

                break;
        }
    }
}
