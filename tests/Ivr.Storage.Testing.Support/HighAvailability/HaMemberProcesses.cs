using System.Globalization;

namespace Ivr.Storage.Testing.HighAvailability;

/// <summary>
/// The processes of one HA member, found by its data directory and pid files (never by name, so nothing else on the
/// machine is signalled): pause or resume its whole PostgreSQL (the postmaster and every child, the WAL receiver
/// included), or kill it together with its Patroni as a lost machine would be.
/// </summary>
public sealed class HaMemberProcesses(string home, string member)
{
    /// <summary>The postmaster's pid (first line of postmaster.pid).</summary>
    public int PostmasterPid =>
        int.Parse(File.ReadLines(Path.Combine(home, member, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>The Patroni pid ha.sh recorded.</summary>
    public int PatroniPid => int.Parse(File.ReadAllText(Path.Combine(home, "run", $"patroni-{member}.pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>SIGSTOP to the postmaster and all its children: the member neither receives, flushes nor reports WAL.</summary>
    public IReadOnlyList<int> PausePostgres()
    {
        var tree = PostgresTree();
        foreach (var pid in tree)
        {
            PosixSignals.Send(pid, PosixSignals.Sigstop);
        }

        return tree;
    }

    /// <summary>
    /// The machine freezes (a stalled VM, a GC-paused hypervisor): SIGSTOP to Patroni, then to PostgreSQL and all its
    /// children. Returns the paused processes for <see cref="Resume"/>.
    /// </summary>
    public IReadOnlyList<int> PauseMachine()
    {
        var patroni = PatroniPid;
        PosixSignals.Send(patroni, PosixSignals.Sigstop);
        return [patroni, .. PausePostgres()];
    }

    /// <summary>
    /// SIGSTOP to a standby's startup process alone: it stops replaying WAL while its WAL receiver still flushes what
    /// arrives (a synchronous standby keeps acknowledging commits), so queries there see an ever older state. Patroni
    /// resumes a replay paused with <c>pg_wal_replay_pause()</c> within a loop, so that cannot stand in for a lagging replica.
    /// </summary>
    public IReadOnlyList<int> PauseReplay()
    {
        var startup = PostgresTree().Skip(1).Where(pid => CommandLineOf(pid).Contains("startup", StringComparison.Ordinal)).ToList();
        if (startup.Count != 1)
        {
            throw new InvalidOperationException($"{member} has {startup.Count} startup processes: not a standby in recovery.");
        }

        PosixSignals.Send(startup[0], PosixSignals.Sigstop);
        return startup;
    }

    /// <summary>SIGCONT to the processes <see cref="PausePostgres"/>, <see cref="PauseMachine"/> or <see cref="PauseReplay"/> paused.</summary>
    public static void Resume(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            TrySend(pid, PosixSignals.Sigcont);
        }
    }

    /// <summary>The machine is gone: SIGKILL to Patroni first (so it cannot restart PostgreSQL), then to PostgreSQL.</summary>
    public void KillMachine()
    {
        TrySend(PatroniPid, PosixSignals.Sigkill);
        foreach (var pid in PostgresTree())
        {
            TrySend(pid, PosixSignals.Sigkill);
        }
    }

    private List<int> PostgresTree()
    {
        var root = PostmasterPid;
        var tree = new List<int> { root };
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(directory) == root)
            {
                tree.Add(pid);
            }
        }

        return tree;
    }

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so parse after its closing parenthesis.
    private static int? ParentOf(string directory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static void TrySend(int pid, int signal)
    {
        try
        {
            PosixSignals.Send(pid, signal);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
