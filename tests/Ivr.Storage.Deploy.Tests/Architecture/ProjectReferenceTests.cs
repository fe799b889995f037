namespace Ivr.Storage.Deploy.Tests.Architecture;

/// <summary>
/// Issue 16, point 7: the references between projects are the ones docs/architecture.md draws, and none breaks the
/// rules it states (everything points toward src/; client/ never reaches grains/ or silo/; grains/ uses no ASP.NET
/// Core; Ivr.Storage.Json references nothing of ours; bench/ takes from tests/ only Ivr.Storage.Testing.Support).
/// Every <c>*.csproj</c> is read, so a new project or reference is checked as soon as it exists.
/// </summary>
public sealed class ProjectReferenceTests
{
    private const string Picture = ArchitectureDiagram.Path;

    private static readonly Lazy<IReadOnlyDictionary<string, ProjectFile>> Projects = new(ProjectFile.All);

    private static readonly string[] Production = ["src", "grains", "silo", "client"];

    private static IEnumerable<ProjectFile> In(params string[] areas) => Projects.Value.Values.Where(project => areas.Contains(project.Area));

    [Fact]
    public void the_picture_draws_every_project_but_the_test_projects_and_no_other()
    {
        var diagram = ArchitectureDiagram.Read();
        var names = Projects.Value.Values.Where(project => !project.IsTestProject).Select(project => project.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(Projects.Value.Count, Projects.Value.Values.Select(project => project.Name).Distinct().Count());

        var problems = names.Except(diagram.Projects.Keys).Select(name => $"{name} is a project but {Picture} does not draw it")
            .Concat(diagram.Projects.Keys.Except(names).Select(name => $"{Picture} draws {name}, which is no project (or a tests/*.Tests one, not drawn)"));
        AssertNone(problems);
    }

    [Fact]
    public void every_reference_of_a_drawn_project_is_drawn_and_every_reference_drawn_exists()
    {
        var diagram = ArchitectureDiagram.Read();
        var actual = Projects.Value.Values
            .Where(project => diagram.Projects.ContainsKey(project.Name))
            .SelectMany(project => project.References.Select(reference => (From: project.Name, To: Projects.Value[reference.Target].Name, reference.ReferencesAssembly)))
            .ToHashSet();
        var drawn = diagram.References.ToHashSet();

        var problems = actual.Except(drawn).Select(reference =>
                $"{reference.From} references {reference.To}{(reference.ReferencesAssembly ? "" : " (built first)")}, which {Picture} does not allow: " +
                $"remove the reference, or draw '{diagram.Draw(reference.From, reference.To, reference.ReferencesAssembly)}' if its rules allow it")
            .Concat(drawn.Except(actual).Select(reference =>
                $"{Picture} draws '{diagram.Draw(reference.From, reference.To, reference.ReferencesAssembly)}', but {reference.From} has no such reference"));
        AssertNone(problems);
    }

    [Fact]
    public void src_references_only_src_and_no_production_project_references_bench_or_tests()
    {
        var outsideSrc = In("src").SelectMany(project => project.References
            .Where(reference => !reference.Target.StartsWith("src/", StringComparison.Ordinal))
            .Select(reference => $"{project} references {reference.Target}: a project of src/ references only src/"));
        var intoBenchOrTests = In(Production).SelectMany(project => project.References
            .Where(reference => reference.Target.Split('/')[0] is "bench" or "tests")
            .Select(reference => $"{project} references {reference.Target}: production code references nothing under bench/ or tests/"));
        AssertNone(outsideSrc.Concat(intoBenchOrTests));
    }

    [Fact]
    public void no_client_project_reaches_grains_or_silo_directly_or_through_another_project()
    {
        var problems = In("client").SelectMany(project => Reachable(project, assembliesOnly: false)
            .Where(path => path[^1].Area is "grains" or "silo")
            .Select(path => $"{project} reaches {path[^1]} ({Describe(path)}): the client never references grains/ or silo/"));
        AssertNone(problems);
    }

    [Fact]
    public void grains_and_everything_they_reference_use_no_aspnetcore()
    {
        var problems = In("grains")
            .SelectMany(project => Reachable(project, assembliesOnly: true).Prepend([project]))
            .SelectMany(path => path[^1].AspNetCoreReferences.Select(reference =>
                $"{path[^1]} has {reference} ({Describe(path)}): grains/ and what it references use no ASP.NET Core"));
        AssertNone(problems);
    }

    [Fact]
    public void the_json_library_references_no_project_of_ours_and_no_aspnetcore()
    {
        var json = Projects.Value["src/Ivr.Storage.Json"];

        var problems = json.References.Select(reference => $"{json} references {reference.Target}: the JSON library stands alone")
            .Concat(json.AspNetCoreReferences.Select(reference => $"{json} has {reference}: the JSON library stands alone"));
        AssertNone(problems);
    }

    [Fact]
    public void the_audit_verifier_references_no_project_of_ours_and_neither_orleans_nor_postgresql()
    {
        var audit = Projects.Value["src/Ivr.Storage.Audit"];

        var problems = audit.References.Select(reference => $"{audit} references {reference.Target}: an auditor runs the verifier without the store")
            .Concat(audit.PackageReferences.Where(package => package.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) || package.StartsWith("Npgsql", StringComparison.Ordinal) || package.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal))
                .Select(package => $"{audit} has {package}: an auditor runs the verifier without the store"));
        AssertNone(problems);
    }

    [Fact]
    public void bench_takes_from_tests_only_the_support_library_and_reaches_no_xunit_project()
    {
        var direct = In("bench").SelectMany(project => project.References
            .Where(reference => reference.Target.StartsWith("tests/", StringComparison.Ordinal) && reference.Target != "tests/Ivr.Storage.Testing.Support")
            .Select(reference => $"{project} references {reference.Target}: bench/ takes from tests/ only tests/Ivr.Storage.Testing.Support"));
        var xunit = In("bench").SelectMany(project => Reachable(project, assembliesOnly: false)
            .Where(path => path[^1].UsesXunit)
            .Select(path => $"{project} reaches {path[^1]}, which uses xunit ({Describe(path)}): the benchmarks are no tests"));
        AssertNone(direct.Concat(xunit));
    }

    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.Distinct().ToList();
        Assert.True(list.Count == 0, string.Join('\n', list));
    }

    private static string Describe(IReadOnlyList<ProjectFile> path) => string.Join(" -> ", path);

    /// <summary>Every project <paramref name="start"/> reaches through references, each with the path that reaches it first.</summary>
    private static IEnumerable<IReadOnlyList<ProjectFile>> Reachable(ProjectFile start, bool assembliesOnly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Directory };
        var queue = new Queue<IReadOnlyList<ProjectFile>>([[start]]);
        while (queue.TryDequeue(out var path))
        {
            foreach (var reference in path[^1].References.Where(reference => reference.ReferencesAssembly || !assembliesOnly))
            {
                if (seen.Add(reference.Target))
                {
                    IReadOnlyList<ProjectFile> next = [.. path, Projects.Value[reference.Target]];
                    queue.Enqueue(next);
                    yield return next;
                }
            }
        }
    }
}
