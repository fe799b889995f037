using System.Text.RegularExpressions;

namespace Ivr.Storage.Gateway.Tests.Readme;

/// <summary>
/// A bash block of README.md marked for <see cref="ReadmeExampleTests"/> (an HTML comment naming it on the line
/// before the fence): a first line <c>K=&lt;API key&gt;; B=&lt;gateway URL&gt;</c>, then curl commands, each with a
/// comment that starts with the status it answers.
/// </summary>
internal sealed partial record ReadmeExample(string ApiKey, string BaseUrl, IReadOnlyList<ReadmeExpectation> Commands)
{
    public const string Marker = "<!-- ReadmeExampleTests";

    /// <summary>What curl writes after each response, so the output can be split per command.</summary>
    private const string StatusLine = "@@status ";

    /// <summary>The marked blocks of <paramref name="markdown"/>.</summary>
    /// <exception cref="FormatException">A marked block does not have the shape above.</exception>
    public static IReadOnlyList<ReadmeExample> In(string markdown)
    {
        var lines = markdown.Split('\n');
        var examples = new List<ReadmeExample>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 >= lines.Length || lines[i + 1].Trim() != "```bash")
            {
                throw new FormatException($"README line {i + 2}: a ```bash fence must follow the marker.");
            }

            var end = Array.FindIndex(lines, i + 2, line => line.Trim() == "```");
            examples.Add(Parse(lines[(i + 2)..(end < 0 ? throw new FormatException("An example block is not closed.") : end)]));
            i = end;
        }

        return examples;
    }

    /// <summary>The block as a bash script against <paramref name="baseUrl"/>: curl writes each status after its response.</summary>
    public string Script(string baseUrl) =>
        "set -euo pipefail\n" +
        $"curl() {{ command curl --silent --show-error --max-time 30 --write-out '\\n{StatusLine}%{{http_code}}\\n' \"$@\"; }}\n" +
        $"K={ApiKey}; B={baseUrl}\n" +
        string.Join('\n', Commands.Select(command => command.Command)) + "\n";

    /// <summary>The script's output cut into one (status, text) per command: headers when curl was given -i, then the body.</summary>
    public static IReadOnlyList<(int Status, string Text)> Responses(string output)
    {
        var responses = new List<(int, string)>();
        var text = new List<string>();
        foreach (var line in output.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            if (line.StartsWith(StatusLine, StringComparison.Ordinal))
            {
                responses.Add((int.Parse(line[StatusLine.Length..], System.Globalization.CultureInfo.InvariantCulture), string.Join('\n', text)));
                text.Clear();
            }
            else
            {
                text.Add(line);
            }
        }

        return responses;
    }

    private static ReadmeExample Parse(string[] block)
    {
        var joined = string.Join('\n', block).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var variables = Variables().Match(joined[0]);
        if (!variables.Success)
        {
            throw new FormatException($"An example starts with K=<API key>; B=<gateway URL>, not: {joined[0]}");
        }

        var commands = joined.Skip(1).Select(line => line.TrimStart().StartsWith("curl ", StringComparison.Ordinal)
            ? ReadmeExpectation.Of(line)
            : throw new FormatException($"An example line runs curl, not: {line}"));
        return new ReadmeExample(variables.Groups["key"].Value, variables.Groups["url"].Value, [.. commands]);
    }

    [GeneratedRegex(@"^K=(?<key>\S+); B=(?<url>\S+)$")]
    private static partial Regex Variables();
}
