namespace Ivr.Storage.Testing;

/// <summary>Where the repository is and which configuration the running tests were built in.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The directory holding Orleans.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Release or Debug: tests run from tests/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;tfm&gt;/.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The target framework folder the tests run from (net10.0).</summary>
    public static string TargetFramework => new DirectoryInfo(AppContext.BaseDirectory).Name;

    /// <summary>
    /// The built assembly of a host project (e.g. <c>silo/Ivr.Storage.Silo</c>) in the tests' own configuration; fails
    /// naming the build to run when it is missing.
    /// </summary>
    public static string HostAssembly(string projectDirectory)
    {
        var name = Path.GetFileName(projectDirectory);
        var path = Path.Combine(RepositoryRoot, projectDirectory, "bin", Configuration, TargetFramework, name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectDirectory} first (dotnet build Orleans.sln -c {Configuration}).", path);
    }
}
