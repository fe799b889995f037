using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Silo;
using Npgsql;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// D1: W1 with the transparency log's writer running ÷ W1 with it off, same run, same entities (the log follows the
/// feed, never the write path, so it may only cost shared cores and the database); and the log's lag under that load,
/// from a version's commit to the signing time of the first head that covers it.
/// </summary>
internal static class AuditLogScenario
{
    /// <summary>
    /// Every version committed in the window with the first head whose size passes its leaf: a head at size s covers
    /// leaves 0..s-1. Both times come from this machine's clock (the silo signs, the journal stamps commits).
    /// </summary>
    private const string LagSql =
        """
        SELECT extract(epoch FROM (h.signed_at - j.committed_at)) * 1000
          FROM ivr.journal j
          JOIN ivr_audit.log_leaves l ON l.entity_type = j.entity_type AND l.entity_id = j.entity_id AND l.version = j.version
         CROSS JOIN LATERAL (SELECT signed_at FROM ivr_audit.log_heads h WHERE h.tree_size > l.leaf_index ORDER BY h.tree_size LIMIT 1) h
         WHERE j.committed_at >= $1 AND j.committed_at < $2
        """;

    public static async Task<IReadOnlyList<Comparison>> RunD1Async(ScenarioContext context)
    {
        await W1Load.ActivateAsync(context, "d1");
        // ABBA (off, on, on, off): whichever runs first meets colder tiers and caches, so each side gets a first and a last run.
        var offFirst = await W1Load.PutAsync(context, "d1", "put 1 KB, distinct entities, transparency log off", run: "-off-a");

        // The writer first catches up with everything written so far, so the measured runs meet a log in steady state.
        await AuditLogControl.StartAsync(context.Session);
        await AuditLogControl.WaitForHeadCoveringJournalAsync(context.Session);
        var opened = DateTimeOffset.UtcNow + context.Options.WarmUp;
        var onFirst = await W1Load.PutAsync(context, "d1", "same, transparency log writer running", run: "-on-a");
        var onSecond = await W1Load.PutAsync(context, "d1", "same, transparency log writer running", run: "-on-b");
        var closed = DateTimeOffset.UtcNow;
        await AuditLogControl.WaitForHeadCoveringJournalAsync(context.Session);
        var lags = await LagsAsync(context.Session.Owner, opened, closed);
        await AuditLogControl.StopAsync(context.Session);
        var offSecond = await W1Load.PutAsync(context, "d1", "put 1 KB, distinct entities, transparency log off", run: "-off-b");
        var (on, off) = (Both(onFirst, onSecond), Both(offFirst, offSecond));

        var lag = Measurement.FromLatencies("commit → in a signed head (ms as latency)", 0, on.Seconds, lags);
        return
        [
            WriteScenarios.Throughput("D1", "writes with the transparency log vs without", on, off, 0.95,
                "runs ABBA (off, on, on, off) on the same entities, each side the sum of its two; the log's writer in the silo, its pool on the same PostgreSQL"),
            new Comparison("D1", "transparency log lag under W1", lag, on, "p99 lag ms", lag.P99Ms, "< 2000", lag.P99Ms < 2000,
                $"a head at least every {BenchAudit.HeadInterval.TotalSeconds:0.#} s, poll {BenchAudit.PollInterval.TotalMilliseconds:0} ms; the baseline row is the write load itself"),
        ];
    }

    /// <summary>Two runs of one side as one: operations and seconds added, the worse p99 and max, CPU weighted by operations.</summary>
    private static Measurement Both(Measurement first, Measurement second) =>
        new(first.Name, first.Concurrency, first.Operations + second.Operations, first.Seconds + second.Seconds,
            (first.P50Ms + second.P50Ms) / 2, Math.Max(first.P99Ms, second.P99Ms), Math.Max(first.MaxMs, second.MaxMs))
        {
            CpuMicrosecondsPerOperation = first.CpuMicrosecondsPerOperation is { } a && second.CpuMicrosecondsPerOperation is { } b
                ? ((a * first.Operations) + (b * second.Operations)) / Math.Max(1, first.Operations + second.Operations)
                : null,
        };

    private static async Task<List<double>> LagsAsync(NpgsqlDataSource owner, DateTimeOffset from, DateTimeOffset to)
    {
        var lags = new List<double>();
        await using var command = owner.CreateCommand(LagSql);
        command.CommandTimeout = 600;
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = to.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lags.Add((double)reader.GetDecimal(0));
        }

        return lags;
    }
}
