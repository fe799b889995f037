using System.Diagnostics;
using Npgsql;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// CPU time spent by everything a run exercises: this process (load generator and clients), the silo child and the
/// PostgreSQL backends connected to the run's database (WAL writer and checkpointer are not counted). Throughput on a
/// shared machine swings with whatever else runs; CPU per operation swings much less, so the report prints both.
/// </summary>
internal sealed class CpuMeter(int siloProcessId, NpgsqlDataSource ownerDataSource, string database)
{
    public async Task<CpuSnapshot> SnapshotAsync()
    {
        var loadGenerator = ProcessorTime(Environment.ProcessId);
        var silo = ProcessorTime(siloProcessId);
        var backends = new Dictionary<int, TimeSpan>();
        await using var command = ownerDataSource.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            backends[pid] = ProcessorTime(pid);
        }

        return new CpuSnapshot(loadGenerator, silo, backends);
    }

    /// <summary>CPU used between two snapshots. A backend that connected in between counts from zero.</summary>
    public static CpuUsage Between(CpuSnapshot start, CpuSnapshot end)
    {
        var database = TimeSpan.Zero;
        foreach (var (pid, time) in end.Backends)
        {
            database += time - start.Backends.GetValueOrDefault(pid);
        }

        return new CpuUsage(end.LoadGenerator - start.LoadGenerator, end.Silo - start.Silo, database);
    }

    // Zero for a process that is gone (or, off Linux, unreadable): the figure is then a lower bound.
    private static TimeSpan ProcessorTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return TimeSpan.Zero;
        }
    }
}

/// <summary>CPU times at one moment: this process, the silo, and each PostgreSQL backend by pid.</summary>
internal sealed record CpuSnapshot(TimeSpan LoadGenerator, TimeSpan Silo, IReadOnlyDictionary<int, TimeSpan> Backends);

/// <summary>CPU spent in a window, split by where: the split says which part of the path to make cheaper.</summary>
internal sealed record CpuUsage(TimeSpan LoadGenerator, TimeSpan Silo, TimeSpan Database)
{
    public TimeSpan Total => LoadGenerator + Silo + Database;
}
