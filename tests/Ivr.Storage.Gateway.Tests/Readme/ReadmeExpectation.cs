using System.Globalization;
using System.Text.RegularExpressions;

namespace Ivr.Storage.Gateway.Tests.Readme;

/// <summary>
/// One curl command of a README example and what its comment claims: the status it starts with, and, where the
/// comment names them, an <c>ETag: "n"</c>, headers (hyphenated names such as <c>X-Feed-Position</c>) and JSON members
/// (<c>"isValid":true</c>). Claims about headers hold only if the command shows them (curl -i).
/// </summary>
internal sealed partial record ReadmeExpectation(string Command, string Comment)
{
    /// <summary>Splits a README line at its comment.</summary>
    /// <exception cref="FormatException">The line has no comment, or the comment does not start with a status.</exception>
    public static ReadmeExpectation Of(string line)
    {
        var at = CommentStart(line);
        var expectation = at < 0
            ? throw new FormatException($"An example command needs a comment with the status it answers: {line}")
            : new ReadmeExpectation(line[..at].TrimEnd(), line[(at + 1)..].Trim());
        _ = expectation.Status;
        return expectation;
    }

    public int Status => Regex.Match(Comment, @"^(\d{3})\b") is { Success: true } status
        ? int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture)
        : throw new FormatException($"An example's comment starts with the status it answers: # {Comment}");

    /// <summary>Every claim of the comment that <paramref name="response"/> (status, headers if shown, body) does not bear out.</summary>
    public IEnumerable<string> Unmet(int status, string response)
    {
        if (status != Status)
        {
            yield return $"status {status}, the comment says {Status}";
        }

        var lines = response.Split('\n');
        foreach (Match etag in ETag().Matches(Comment))
        {
            if (!lines.Any(line => line.Equals($"etag: \"{etag.Groups["version"].Value}\"", StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"no header ETag: \"{etag.Groups["version"].Value}\"";
            }
        }

        foreach (Match header in HeaderName().Matches(Comment))
        {
            if (!lines.Any(line => line.StartsWith(header.Value + ":", StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"no header {header.Value}";
            }
        }

        foreach (Match member in JsonMember().Matches(Comment))
        {
            if (!response.Contains(member.Value, StringComparison.Ordinal))
            {
                yield return $"no {member.Value} in the body";
            }
        }
    }

    /// <summary>Where the comment starts: a '#' after a blank, outside quotes.</summary>
    private static int CommentStart(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && i > 0 && char.IsWhiteSpace(line[i - 1]))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex("ETag: \"(?<version>\\d+)\"")]
    private static partial Regex ETag();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)+\b")]
    private static partial Regex HeaderName();

    [GeneratedRegex("\"\\w+\":(?:true|false|null|-?\\d+(?:\\.\\d+)?|\"[^\"]*\")")]
    private static partial Regex JsonMember();
}
