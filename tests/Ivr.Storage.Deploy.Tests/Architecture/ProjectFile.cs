using System.Xml.Linq;

namespace Ivr.Storage.Deploy.Tests.Architecture;

/// <summary>
/// A <c>*.csproj</c> of the repository, read as far as the architecture tests need: its SDK, its project, framework
/// and package references. Not MSBuild: conditions and imports are not evaluated (our project files use neither for
/// references; tests/Directory.Build.props adds xunit to the <c>*.Tests</c> projects, see <see cref="UsesXunit"/>).
/// </summary>
internal sealed class ProjectFile
{
    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules", "TestResults"];

    private ProjectFile(string relativePath)
    {
        var document = XDocument.Load(RepositoryFiles.PathOf(relativePath));
        Directory = relativePath[..relativePath.LastIndexOf('/')];
        Name = Path.GetFileNameWithoutExtension(relativePath);
        Sdk = document.Root?.Attribute("Sdk")?.Value ?? "";
        References = [.. Items(document, "ProjectReference").Select(item => new ProjectReference(
            TargetDirectory(Directory, item.Include),
            !string.Equals(item.Metadata("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase)))];
        FrameworkReferences = [.. Items(document, "FrameworkReference").Select(item => item.Include)];
        PackageReferences = [.. Items(document, "PackageReference").Select(item => item.Include)];
    }

    /// <summary>The project's directory from the repository root, e.g. <c>src/Ivr.Storage.Json</c>.</summary>
    public string Directory { get; }

    /// <summary>The project's name (its file name), e.g. <c>Ivr.Storage.Json</c>.</summary>
    public string Name { get; }

    /// <summary>The SDK of the <c>Project</c> element, e.g. <c>Microsoft.NET.Sdk.Web</c>.</summary>
    public string Sdk { get; }

    public IReadOnlyList<ProjectReference> References { get; }

    public IReadOnlyList<string> FrameworkReferences { get; }

    public IReadOnlyList<string> PackageReferences { get; }

    /// <summary>The top-level directory the project lives in: src, grains, silo, client, bench or tests.</summary>
    public string Area => Directory.Split('/')[0];

    /// <summary>A test project: <c>tests/*.Tests</c> (tests/Directory.Build.props makes it an xunit project).</summary>
    public bool IsTestProject => Area == "tests" && Name.EndsWith(".Tests", StringComparison.Ordinal);

    /// <summary>Uses xunit: a test project, or a library that references xunit itself (the cluster fixtures).</summary>
    public bool UsesXunit => IsTestProject || PackageReferences.Any(package => package.StartsWith("xunit", StringComparison.Ordinal));

    /// <summary>Uses ASP.NET Core: the web SDK, the <c>Microsoft.AspNetCore.App</c> framework or a <c>Microsoft.AspNetCore.*</c> package.</summary>
    public IEnumerable<string> AspNetCoreReferences =>
        new[] { Sdk }.Where(sdk => sdk == "Microsoft.NET.Sdk.Web").Select(sdk => $"Sdk=\"{sdk}\"")
            .Concat(FrameworkReferences.Where(framework => framework == "Microsoft.AspNetCore.App").Select(framework => $"FrameworkReference {framework}"))
            .Concat(PackageReferences.Where(package => package.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)).Select(package => $"PackageReference {package}"));

    public override string ToString() => Directory;

    /// <summary>Every project file of the repository (build output and hidden directories left out), by directory.</summary>
    public static IReadOnlyDictionary<string, ProjectFile> All() =>
        System.IO.Directory.EnumerateFiles(RepositoryFiles.Root, "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.Split('/').Any(part => part.StartsWith('.') || SkippedDirectories.Contains(part)))
            .Select(path => new ProjectFile(path))
            .ToDictionary(project => project.Directory, StringComparer.Ordinal);

    private static IEnumerable<(string Include, Func<string, string?> Metadata)> Items(XDocument document, string kind) =>
        document.Descendants(kind)
            .Where(item => item.Attribute("Include") is not null)
            .Select(item => (item.Attribute("Include")!.Value, (Func<string, string?>)(name => item.Attribute(name)?.Value ?? item.Element(name)?.Value)));

    /// <summary>The directory, from the repository root, of the project file <paramref name="include"/> names.</summary>
    private static string TargetDirectory(string directory, string include)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryFiles.PathOf(directory), include.Replace('\\', '/')));
        return Path.GetRelativePath(RepositoryFiles.Root, Path.GetDirectoryName(path)!).Replace(Path.DirectorySeparatorChar, '/');
    }
}
