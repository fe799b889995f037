using System.Text.RegularExpressions;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>deploy/docker/Dockerfile: published output on the ASP.NET Core runtime image, as a non-root user.</summary>
public sealed partial class DockerfileTests
{
    private static readonly Lazy<string[]> Lines = new(() => RepositoryFiles.Read("deploy/docker/Dockerfile")
        .Replace("\\\n", " ", StringComparison.Ordinal)
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .ToArray());

    /// <summary>Stage name to its instructions; the base of each stage is its FROM line.</summary>
    private static Dictionary<string, List<string>> Stages()
    {
        var stages = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in Lines.Value)
        {
            var from = FromLine().Match(line);
            if (from.Success)
            {
                current = [line];
                stages[from.Groups["name"].Value] = current;
            }
            else
            {
                current?.Add(line);
            }
        }

        return stages;
    }

    [Fact]
    public void the_build_stage_publishes_the_silo_and_the_gateway()
    {
        var build = Stages()["build"];
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:", build[0], StringComparison.Ordinal);
        Assert.Contains(build, line => line.Contains("dotnet publish silo/Ivr.Storage.Silo/Ivr.Storage.Silo.csproj", StringComparison.Ordinal) && line.Contains("-c Release", StringComparison.Ordinal));
        Assert.Contains(build, line => line.Contains("dotnet publish client/Ivr.Storage.Gateway/Ivr.Storage.Gateway.csproj", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo", "/out/silo", "Ivr.Storage.Silo.dll")]
    [InlineData("gateway", "/out/gateway", "Ivr.Storage.Gateway.dll")]
    public void each_target_copies_only_published_output_onto_the_aspnet_runtime_and_runs_as_non_root(string target, string publishedOutput, string assembly)
    {
        var stages = Stages();
        var chain = new List<List<string>>();
        for (var stage = stages[target]; ; stage = stages[FromLine().Match(stage[0]).Groups["image"].Value])
        {
            chain.Add(stage);
            if (!stages.ContainsKey(FromLine().Match(stage[0]).Groups["image"].Value))
            {
                break;
            }
        }

        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", chain[^1][0], StringComparison.Ordinal);
        var instructions = chain.AsEnumerable().Reverse().SelectMany(stage => stage.Skip(1)).ToList();
        var copies = instructions.Where(line => line.StartsWith("COPY", StringComparison.Ordinal)).ToList();
        var copy = Assert.Single(copies);
        Assert.Contains("--from=build", copy, StringComparison.Ordinal);
        Assert.Contains(publishedOutput + " ", copy, StringComparison.Ordinal);
        Assert.DoesNotContain(instructions, line => line.StartsWith("RUN", StringComparison.Ordinal));

        var user = instructions.LastOrDefault(line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotNull(user);
        Assert.DoesNotMatch(@"^USER\s+(root|0)(:|\s|$)", user);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}\"]", instructions);
    }

    [Fact]
    public void the_build_context_leaves_out_build_output_and_local_state()
    {
        var ignore = RepositoryFiles.Read("deploy/docker/Dockerfile.dockerignore");
        Assert.Contains("**/bin/", ignore, StringComparison.Ordinal);
        Assert.Contains("**/obj/", ignore, StringComparison.Ordinal);
        Assert.Contains("deploy/compose/.env", ignore, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^FROM\s+(?:--\S+\s+)*(?<image>\S+)\s+AS\s+(?<name>\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();
}
