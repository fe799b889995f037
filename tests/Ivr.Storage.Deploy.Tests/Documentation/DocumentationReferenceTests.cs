using System.Diagnostics;
using System.Text.RegularExpressions;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Deploy.Tests.Documentation;

/// <summary>
/// What the Markdown files name must exist, so they cannot rot: every link, every repository path and script in code
/// spans and shell blocks, every test class, and every <c>--option</c> a command gives one of our programs (checked
/// against the program's <c>--help</c>). Commands too long to run in a test (the fault soak, a full benchmark) are held to this;
/// the root README's "Try it" requests are run by ReadmeExampleTests.
/// </summary>
public sealed partial class DocumentationReferenceTests
{
    /// <summary>Where repository paths start: the top-level directories of the house (STYLE), whether they exist or not.</summary>
    private static readonly string[] TopLevel = [".ci", "bench", "client", "deploy", "docs", "grains", "silo", "src", "tests"];

    private static readonly Lazy<IReadOnlyList<MarkdownDocument>> Documents = new(MarkdownDocument.All);

    [Fact]
    public void the_repository_has_the_readmes_a_newcomer_is_pointed_to()
    {
        var paths = Documents.Value.Select(document => document.RelativePath).ToList();

        Assert.Contains("README.md", paths);
        Assert.Contains("deploy/README.md", paths);
        Assert.Contains("tests/README.md", paths);
    }

    [Fact]
    public void every_relative_link_points_at_a_file_that_exists_and_a_heading_it_has()
    {
        var broken = new List<string>();
        foreach (var document in Documents.Value)
        {
            foreach (var target in document.LinkTargets.Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal)))
            {
                var (file, anchor) = target.Split('#', 2) is [var f, var a] ? (f, a) : (target, null);
                var path = file.Length == 0 ? document.RelativePath : Normalize(document.Directory, file);
                if (!Exists(path))
                {
                    broken.Add($"{document}: [{target}] — {path} does not exist");
                }
                else if (anchor is not null && Documents.Value.FirstOrDefault(other => other.RelativePath == path) is { } linked && !linked.Anchors.Contains(anchor))
                {
                    broken.Add($"{document}: [{target}] — {path} has no heading #{anchor} (it has: {string.Join(", ", linked.Anchors)})");
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [Fact]
    public void every_repository_path_and_script_named_in_code_exists()
    {
        var missing = new List<string>();
        foreach (var document in Documents.Value)
        {
            foreach (var word in CodeWords(document).Distinct(StringComparer.Ordinal))
            {
                if (RepositoryPath(document, word) is { } path && !Exists(path))
                {
                    missing.Add($"{document}: `{word}` — {path} does not exist");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public void every_test_class_and_test_project_named_exists()
    {
        var sources = string.Join('\n', Directory.EnumerateFiles(RepositoryFiles.PathOf("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var missing = new List<string>();
        foreach (var document in Documents.Value)
        {
            foreach (var name in CodeWords(document).Select(word => word.TrimEnd('.', ',', ':', ')')).Distinct(StringComparer.Ordinal))
            {
                if (TestClass().IsMatch(name) && !Regex.IsMatch(sources, $@"\bclass {name}\b"))
                {
                    missing.Add($"{document}: test class `{name}` is not in tests/");
                }
                else if (TestProject().IsMatch(name) && !Directory.Exists(RepositoryFiles.PathOf("tests/" + name)))
                {
                    missing.Add($"{document}: test project `{name}` is not in tests/");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public async Task every_option_a_documented_command_gives_one_of_our_programs_is_in_its_help()
    {
        var uses = Documents.Value
            .SelectMany(document => Commands(document).SelectMany(ProgramOptions.In).Select(use => (use.Program, use.Option, Document: document.RelativePath)))
            .Distinct()
            .ToList();
        Assert.Contains(uses, use => use.Program == "tests/Ivr.Storage.FaultInjection");

        var unknown = new List<string>();
        foreach (var program in uses.GroupBy(use => use.Program))
        {
            var help = await HelpAsync(program.Key);
            unknown.AddRange(program
                .Where(use => !Regex.IsMatch(help, $@"(?<![\w-]){Regex.Escape(use.Option)}(?![\w-])"))
                .Select(use => $"{use.Document}: {use.Program} has no option {use.Option} in its --help"));
        }

        Assert.True(unknown.Count == 0, string.Join('\n', unknown));
    }

    private static async Task<string> HelpAsync(string program)
    {
        Assert.False(program.StartsWith("script ", StringComparison.Ordinal), $"{program} is given --options, but where its arguments go is not known: add it to ProgramOptions");
        var start = program == ProgramOptions.DotnetTest
            ? new ProcessStartInfo("dotnet", ["test", "--help"])
            : new ProcessStartInfo("dotnet", [TestPaths.HostAssembly(program), "--help"]);
        start.WorkingDirectory = RepositoryFiles.Root;
        await using var process = ChildProcess.Start(start, keptLines: int.MaxValue);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return process.Output;
    }

    /// <summary>The simple commands of the shell blocks and of the code spans.</summary>
    private static IEnumerable<IReadOnlyList<string>> Commands(MarkdownDocument document) =>
        document.Blocks.Where(block => block.IsShell).Select(block => block.Text)
            .Concat(document.CodeSpans)
            .SelectMany(ShellCommands.Parse);

    /// <summary>
    /// Every word of code, except the destination of a copy (a file the command makes) and kubectl's resource names
    /// (<c>deploy/ivr-storage-silo</c> is a Deployment): of kubectl, only the files given to -f or -k.
    /// </summary>
    private static IEnumerable<string> CodeWords(MarkdownDocument document) =>
        Commands(document).SelectMany(command => command[0] switch
        {
            "cp" => command.Take(command.Count - 1),
            "kubectl" => command.Where((_, i) => i > 0 && command[i - 1] is "-f" or "-k" or "--filename" or "--kustomize"),
            _ => command,
        });

    /// <summary>The path from the root a word names, or null when it is no path into the repository.</summary>
    private static string? RepositoryPath(MarkdownDocument document, string word)
    {
        word = word.TrimEnd('.', ',', ':', ')');
        if (!PathWord().IsMatch(word))
        {
            return null;
        }

        // A build output names its project; the project must exist.
        if (word.IndexOf("/bin/", StringComparison.Ordinal) is var bin and > 0)
        {
            word = word[..bin];
        }

        var first = word.Split('/')[0];
        if (TopLevel.Contains(first) || Directory.Exists(RepositoryFiles.PathOf(first)))
        {
            return word.TrimEnd('/');
        }

        return document.Directory.Length > 0 && Directory.Exists(RepositoryFiles.PathOf(document.Directory + "/" + first))
            ? Normalize(document.Directory, word)
            : null;
    }

    private static bool Exists(string path) =>
        File.Exists(RepositoryFiles.PathOf(path)) || Directory.Exists(RepositoryFiles.PathOf(path));

    private static string Normalize(string directory, string relative) =>
        Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.PathOf(directory), relative)))
            .Replace(Path.DirectorySeparatorChar, '/');

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]*)+$")]
    private static partial Regex PathWord();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*Tests$")]
    private static partial Regex TestClass();

    [GeneratedRegex(@"^Ivr\.Storage\.[A-Za-z.]+\.Tests$")]
    private static partial Regex TestProject();
}
