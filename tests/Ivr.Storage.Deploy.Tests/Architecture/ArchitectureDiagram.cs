using System.Text.RegularExpressions;
using Ivr.Storage.Deploy.Tests.Documentation;

namespace Ivr.Storage.Deploy.Tests.Architecture;

/// <summary>
/// The Mermaid picture of docs/architecture.md: its projects (nodes labelled with a project name) and its references
/// (<c>A --> B</c> an assembly reference, <c>A -.-> B</c> a project only built first). Only the forms the file uses are
/// read, and any other line is an error, so nothing drawn escapes the check.
/// </summary>
internal sealed partial class ArchitectureDiagram
{
    public const string Path = "docs/architecture.md";

    private ArchitectureDiagram(IReadOnlyDictionary<string, string> projects, IReadOnlyList<(string From, string To, bool ReferencesAssembly)> references)
    {
        Projects = projects;
        References = references;
    }

    /// <summary>The node id of each project drawn, by project name.</summary>
    public IReadOnlyDictionary<string, string> Projects { get; }

    /// <summary>The references drawn, between project names.</summary>
    public IReadOnlyList<(string From, string To, bool ReferencesAssembly)> References { get; }

    public static ArchitectureDiagram Read()
    {
        var blocks = MarkdownDocument.Read(Path).Blocks.Where(block => block.Language == "mermaid").ToList();
        Assert.True(blocks.Count == 1, $"{Path} has {blocks.Count} mermaid blocks; it must have exactly one, the picture of the projects");

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<(string From, string Arrow, string To)>();
        foreach (var line in blocks[0].Text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith("%%", StringComparison.Ordinal)))
        {
            if (Node().Match(line) is { Success: true } node)
            {
                names.Add(node.Groups["id"].Value, node.Groups["name"].Value);
            }
            else if (Edge().Match(line) is { Success: true } edge)
            {
                edges.Add((edge.Groups["from"].Value, edge.Groups["arrow"].Value, edge.Groups["to"].Value));
            }
            else
            {
                Assert.True(Structure().IsMatch(line), $"{Path}: the line '{line}' is neither a project, a reference, a subgraph nor the header; the check cannot read it");
            }
        }

        var unknown = edges.SelectMany(edge => new[] { edge.From, edge.To }).Where(id => !names.ContainsKey(id)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"{Path}: references from or to nodes that are no project: {string.Join(", ", unknown)}");
        return new ArchitectureDiagram(
            names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal),
            [.. edges.Select(edge => (names[edge.From], names[edge.To], edge.Arrow == "-->"))]);
    }

    /// <summary>How the picture writes a reference, for a message that says what to draw.</summary>
    public string Draw(string from, string to, bool referencesAssembly) =>
        $"{Id(from)} {(referencesAssembly ? "-->" : "-.->")} {Id(to)}";

    private string Id(string project) => Projects.TryGetValue(project, out var id) ? id : $"<{project}, not drawn>";

    [GeneratedRegex(@"^(?<id>\w+)\[""(?<name>Ivr\.Storage\.[\w.]+)""\]$")]
    private static partial Regex Node();

    [GeneratedRegex(@"^(?<from>\w+)\s*(?<arrow>-->|-\.->)\s*(?<to>\w+)$")]
    private static partial Regex Edge();

    [GeneratedRegex(@"^(flowchart \w+|subgraph \w+\[""[^""]*""\]|end)$")]
    private static partial Regex Structure();
}
