using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Benchmarks.Silo;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>Starts and stops the bench silo's transparency log, and waits (bounded) until a signed head covers the journal.</summary>
internal static class AuditLogControl
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static Task StartAsync(BenchSession session) => session.Client.GetGrain<IBenchProbeGrain>(0).StartAuditLog();

    public static Task StopAsync(BenchSession session) => session.Client.GetGrain<IBenchProbeGrain>(0).StopAuditLog();

    /// <summary>
    /// Waits until a signed head's size reaches the journal's row count (every version written so far is a leaf of it)
    /// and its file is in the head directory; returns that head as the sink wrote it.
    /// </summary>
    public static async Task<SignedTreeHead> WaitForHeadCoveringJournalAsync(BenchSession session)
    {
        var versions = await ScalarAsync(session.Owner, "SELECT count(*) FROM ivr.journal");
        var file = await Eventually.ValueAsync(
            async () =>
            {
                var signed = await ScalarAsync(session.Owner, "SELECT coalesce(max(tree_size), 0) FROM ivr_audit.log_heads");
                return signed >= versions && File.Exists(session.Audit.HeadPath(signed)) ? session.Audit.HeadPath(signed) : null;
            },
            Limit,
            () => $"no signed head covered the journal's {versions:N0} versions within {Limit}",
            TimeSpan.FromMilliseconds(50));
        return TreeHeadJson.Parse(await File.ReadAllTextAsync(file));
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
