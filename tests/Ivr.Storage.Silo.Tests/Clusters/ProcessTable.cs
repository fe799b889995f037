namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>Processes on this machine as /proc shows them, for orphan checks after a script stopped what it started.</summary>
internal static class ProcessTable
{
    /// <summary>Whether <paramref name="pid"/> still runs (a zombie has exited; it only waits to be reaped).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        // "pid (comm) S ...": the state follows the command name, which may itself hold spaces or parentheses.
        return stat.Length > 0 && stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X' or default(char));
    }

    /// <summary>The command line of <paramref name="pid"/>, arguments separated by spaces; empty once it is gone.</summary>
    public static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    /// <summary>Running processes whose command line or environment contains <paramref name="marker"/>, other than this one.</summary>
    public static IReadOnlyList<string> Carrying(string marker)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId || !IsRunning(pid))
            {
                continue;
            }

            var commandLine = CommandLine(pid);
            if (commandLine.Contains(marker, StringComparison.Ordinal) || Read($"/proc/{pid}/environ").Contains(marker, StringComparison.Ordinal))
            {
                found.Add($"{pid}: {commandLine}");
            }
        }

        return found;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process exited between listing and reading, or belongs to another user.
            return string.Empty;
        }
    }
}
