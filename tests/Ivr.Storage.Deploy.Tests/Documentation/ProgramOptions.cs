namespace Ivr.Storage.Deploy.Tests.Documentation;

/// <summary>
/// Which of our programs a documented command runs and which <c>--options</c> it gives it: <c>dotnet run --project
/// P -- …</c>, <c>dotnet P/bin/…/X.dll …</c>, <c>dotnet test …</c>, and our scripts that pass their arguments on.
/// Options of other tools (docker, kubectl, psql) are theirs to keep.
/// </summary>
internal static class ProgramOptions
{
    /// <summary>The program whose help <c>dotnet test</c>'s own options are checked against.</summary>
    public const string DotnetTest = "dotnet test";

    /// <summary>Scripts that hand their arguments to another program (see each script's header).</summary>
    private static readonly Dictionary<string, string> ScriptArgumentsGoTo = new(StringComparer.Ordinal)
    {
        ["deploy/local/test.sh"] = DotnetTest,
    };

    /// <summary>(program, option) for every option the command gives one of our programs; program is a project directory or <see cref="DotnetTest"/>.</summary>
    public static IEnumerable<(string Program, string Option)> In(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == "dotnet" && i + 1 < words.Count)
            {
                return Dotnet(words.Skip(i + 1).ToList());
            }

            if (words[i] == "bash" && i + 1 < words.Count)
            {
                var script = words[i + 1];
                var options = Options(words.Skip(i + 2)).ToList();
                if (options.Count == 0)
                {
                    return [];
                }

                // An option for a script we cannot check is reported, not skipped: say where its arguments go.
                var program = ScriptArgumentsGoTo.GetValueOrDefault(script, "script " + script);
                return options.Select(option => (program, option));
            }
        }

        return [];
    }

    private static IEnumerable<(string Program, string Option)> Dotnet(List<string> arguments)
    {
        var verb = arguments[0];
        if (verb == "test")
        {
            return Options(arguments.Skip(1)).Select(option => (DotnetTest, option));
        }

        if (verb == "run")
        {
            var project = arguments.IndexOf("--project") is var at and >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : null;
            var separator = arguments.IndexOf("--");
            if (project is null || separator < 0)
            {
                return [];
            }

            return Options(arguments.Skip(separator + 1)).Select(option => (project.TrimEnd('/'), option));
        }

        if (verb.EndsWith(".dll", StringComparison.Ordinal) && verb.Contains("/bin/", StringComparison.Ordinal))
        {
            var project = verb[..verb.IndexOf("/bin/", StringComparison.Ordinal)];
            return Options(arguments.Skip(1)).Select(option => (project, option));
        }

        return [];
    }

    /// <summary>The option names among the arguments; <c>--Section:Key=value</c> is configuration, which every host takes.</summary>
    private static IEnumerable<string> Options(IEnumerable<string> arguments) =>
        arguments.Where(argument => argument.StartsWith("--", StringComparison.Ordinal) && argument.Length > 2)
            .Select(argument => argument.Split('=')[0])
            .Where(option => !option.Contains(':', StringComparison.Ordinal));
}
