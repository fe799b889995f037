using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>
/// The log's PostgreSQL connection dies mid-extension (pg_terminate_backend on the writer's open transaction, as a
/// server restart would end it; the shared test server itself is never restarted): the writer resumes, and every size
/// has one head, the same in the database and in the sink, chained to the one before.
/// </summary>
public sealed class WriterBackendTerminationTests
{
    [Fact]
    public async Task should_resume_after_its_backend_is_terminated_mid_extension_with_one_head_per_size()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_terminate");
        var records = await log.WriteAsync("call-session", entities: 3, versions: 8);
        // The termination must hit a batch that has versions to commit, so the feed has to show more than the first batch.
        await log.FeedShowsAsync(records.Count);
        var writer = log.Writer(batchSize: 5, headEveryVersions: 5);
        await writer.ClaimAsync();
        Assert.Equal(5, await writer.RunOnceAsync());
        var before = writer.TreeSize;
        var terminated = 0;
        writer.BeforeCommit = async () =>
        {
            writer.BeforeCommit = null;
            terminated = await TerminateOpenTransactionsAsync(log.Database);
        };

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => writer.RunOnceAsync());
        Assert.Equal(1, terminated);
        Assert.Equal(before, writer.TreeSize);
        await AuditLogHarness.CatchUpToAsync(writer, records.Count);
        var closer = log.Writer(headEveryVersions: 1);
        await closer.ClaimAsync();
        await closer.RunOnceAsync();

        var stored = await StoredHeadsAsync(log);
        var exported = log.ExportedHeads();
        Assert.Equal(records.Count, stored.Keys.Max());
        Assert.Equal(stored.Keys, exported.Keys);
        var verifier = new AuditVerifier(log.Keys);
        SignedTreeHead? previous = null;
        foreach (var (size, head) in exported)
        {
            Assert.Equal(stored[size].Signature, head.Signature);
            Assert.True(previous is null || verifier.VerifySuccessor(previous, head).IsValid, $"head {size} does not follow head {previous?.TreeSize}");
            previous = head;
        }

        var expected = await log.RootOfFeedAsync(records.Count);
        Assert.Equal(expected, exported[records.Count].RootHash);
    }

    /// <summary>Ends, as the superuser, every backend of the database that is inside a transaction: the writer's, here.</summary>
    private static async Task<int> TerminateOpenTransactionsAsync(TestDatabase database)
    {
        await using var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'", admin);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database.Name });
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Dictionary<long, SignedTreeHead>> StoredHeadsAsync(AuditLogHarness log)
    {
        var heads = new Dictionary<long, SignedTreeHead>();
        await using var command = log.Runtime.CreateCommand("SELECT tree_size FROM ivr_audit.log_heads");
        var sizes = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sizes.Add(reader.GetInt64(0));
            }
        }

        foreach (var size in sizes)
        {
            var head = await log.Reader.ConsistencyAsync(size, size);
            heads[size] = head.First;
        }

        return heads;
    }
}
