using System.Text;

namespace Ivr.Storage.Deploy.Tests.Documentation;

/// <summary>
/// The simple commands of shell text as word lists: line continuations joined, comments dropped, quotes removed,
/// split at <c>;</c>, <c>|</c>, <c>&amp;&amp;</c>, <c>||</c> and line ends. Enough to find which programs a README runs
/// with which arguments; not a shell.
/// </summary>
internal static class ShellCommands
{
    private static readonly string[] Separators = [";", "|", "||", "&&", "&"];

    public static IEnumerable<IReadOnlyList<string>> Parse(string text)
    {
        foreach (var line in text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        {
            var command = new List<string>();
            foreach (var word in Words(line))
            {
                if (Separators.Contains(word))
                {
                    if (command.Count > 0)
                    {
                        yield return command;
                    }

                    command = [];
                    continue;
                }

                command.Add(word);
            }

            if (command.Count > 0)
            {
                yield return command;
            }
        }
    }

    /// <summary>The words of one line up to its comment; a trailing ';' becomes a word of its own.</summary>
    private static IEnumerable<string> Words(string line)
    {
        var word = new StringBuilder();
        var quoted = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    quoted = true;
                    break;
                case '#' when word.Length == 0 && !quoted:
                    yield break;
                case ' ' or '\t' or '\r':
                    if (word.Length > 0 || quoted)
                    {
                        foreach (var part in Split(word.ToString()))
                        {
                            yield return part;
                        }
                    }

                    word.Clear();
                    quoted = false;
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }

        if (word.Length > 0 || quoted)
        {
            foreach (var part in Split(word.ToString()))
            {
                yield return part;
            }
        }
    }

    private static IEnumerable<string> Split(string word)
    {
        if (word.Length > 1 && word.EndsWith(';'))
        {
            yield return word[..^1];
            yield return ";";
        }
        else
        {
            yield return word;
        }
    }
}
