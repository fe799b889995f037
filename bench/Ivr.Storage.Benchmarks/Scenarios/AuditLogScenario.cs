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
        var off = await W1Load.PutAsync(context, "d1", "put 1 KB, distinct entities, transparency log off");

        // The writer first catches up with everything written so far, so the measured run meets a log in steady state.
        await AuditLogControl.StartAsync(context.Session);
        await AuditLogControl.WaitForHeadCoveringJournalAsync(context.Session);
        var opened = DateTimeOffset.UtcNow + context.Options.WarmUp;
        var on = await W1Load.PutAsync(context, "d1", "same, transparency log writer running");
        var closed = DateTimeOffset.UtcNow;
        await AuditLogControl.WaitForHeadCoveringJournalAsync(context.Session);
        var lags = await LagsAsync(context.Session.Owner, opened, closed);
        await AuditLogControl.StopAsync(context.Session);

        var lag = Measurement.FromLatencies("commit → in a signed head (ms as latency)", 0, on.Seconds, lags);
        return
        [
            WriteScenarios.Throughput("D1", "writes with the transparency log vs without", on, off, 0.95,
                "W1 off first, then on, same entities; the log's writer in the silo, its pool on the same PostgreSQL"),
            new Comparison("D1", "transparency log lag under W1", lag, on, "p99 lag ms", lag.P99Ms, "< 2000", lag.P99Ms < 2000,
                $"a head at least every {BenchAudit.HeadInterval.TotalSeconds:0.#} s, poll {BenchAudit.PollInterval.TotalMilliseconds:0} ms; the baseline row is the write load itself"),
        ];
    }

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
