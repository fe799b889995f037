using System.Text;
using System.Text.RegularExpressions;

namespace Ivr.Storage.Deploy.Tests.Documentation;

/// <summary>
/// A Markdown file of the repository, read as far as the documentation tests need: its fenced code blocks, its inline
/// code spans, its link targets and the anchors of its headings. Not a Markdown parser: our files use fences, single
/// backticks and inline links only.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules", "TestResults"];

    private MarkdownDocument(string relativePath, string text)
    {
        RelativePath = relativePath;
        var prose = new StringBuilder();
        var blocks = new List<FencedBlock>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        string? language = null;
        var block = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var fence = Fence().Match(line);
            if (fence.Success)
            {
                if (language is null)
                {
                    language = fence.Groups["info"].Value.Trim();
                    block.Clear();
                }
                else
                {
                    blocks.Add(new FencedBlock(language, block.ToString()));
                    language = null;
                }

                prose.Append('\n');
                continue;
            }

            if (language is not null)
            {
                block.Append(line).Append('\n');
                prose.Append('\n');
                continue;
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                anchors.Add(Anchor(heading.Groups["title"].Value));
            }

            prose.Append(line).Append('\n');
        }

        Blocks = blocks;
        Anchors = anchors;
        var proseText = prose.ToString();
        CodeSpans = [.. CodeSpan().Matches(proseText).Select(match => Regex.Replace(match.Groups["code"].Value, @"\s*\n\s*", " "))];
        LinkTargets = [.. Link().Matches(proseText).Select(match => match.Groups["target"].Value)];
    }

    /// <summary>The path from the repository root, with '/'.</summary>
    public string RelativePath { get; }

    /// <summary>The directory the file is in, from the repository root ("" for the root).</summary>
    public string Directory => RelativePath.Contains('/', StringComparison.Ordinal) ? RelativePath[..RelativePath.LastIndexOf('/')] : "";

    public IReadOnlyList<FencedBlock> Blocks { get; }

    /// <summary>Inline code spans outside fenced blocks (a span broken over lines is joined with a space).</summary>
    public IReadOnlyList<string> CodeSpans { get; }

    /// <summary>Targets of inline links, as written.</summary>
    public IReadOnlyList<string> LinkTargets { get; }

    /// <summary>The anchors GitHub gives the headings.</summary>
    public IReadOnlySet<string> Anchors { get; }

    public override string ToString() => RelativePath;

    /// <summary>Every Markdown file of the repository (build output and hidden directories left out).</summary>
    public static IReadOnlyList<MarkdownDocument> All() =>
        [.. System.IO.Directory.EnumerateFiles(RepositoryFiles.Root, "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.Split('/').Any(part => part.StartsWith('.') || SkippedDirectories.Contains(part)))
            .Order(StringComparer.Ordinal)
            .Select(path => new MarkdownDocument(path, File.ReadAllText(RepositoryFiles.PathOf(path))))];

    /// <summary>One Markdown file, by its path from the repository root.</summary>
    public static MarkdownDocument Read(string relativePath) => new(relativePath, RepositoryFiles.Read(relativePath));

    /// <summary>GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Anchor(string heading)
    {
        var anchor = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                anchor.Append(c);
            }
            else if (c == ' ')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString();
    }

    [GeneratedRegex(@"^\s*```(?<info>.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"`(?<code>[^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
