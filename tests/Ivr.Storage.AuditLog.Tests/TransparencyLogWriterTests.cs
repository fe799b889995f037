using Ivr.Storage.Audit;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>Each test runs on a database of its own, so the log holds exactly what the test wrote.</summary>
public sealed class TransparencyLogWriterTests
{
    [Fact]
    public async Task should_prove_every_version_against_the_head_exported_to_the_directory()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_prove");
        var records = await log.WriteAsync("call-session", entities: 4, versions: 6);
        var writer = log.Writer(batchSize: 7, headEveryVersions: 1);
        await writer.ClaimAsync();
        await AuditLogHarness.CatchUpToAsync(writer, records.Count);

        var exported = log.ExportedHeads();
        var head = exported[records.Count];
        var verifier = new AuditVerifier(log.Keys);
        foreach (var record in records)
        {
            var proof = await log.Reader.InclusionAsync(record.Key, record.Version);

            Assert.Equal(record.Hash, proof.Leaf.ChainHash);
            Assert.True(verifier.VerifyVersion(proof.Leaf, proof.Proof, head).IsValid);
        }

        var sizes = exported.Keys.ToList();
        for (var i = 1; i < sizes.Count; i++)
        {
            Assert.True(verifier.VerifySuccessor(exported[sizes[i - 1]], exported[sizes[i]]).IsValid);
            var consistency = await log.Reader.ConsistencyAsync(sizes[i - 1], sizes[i]);
            Assert.True(verifier.VerifyExtension(exported[sizes[i - 1]], exported[sizes[i]], consistency.Proof).IsValid);
        }
    }

    [Fact]
    public async Task should_resume_after_a_crash_mid_extension_with_the_tree_of_the_feed_and_fence_the_crashed_writer()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_crash");
        var records = await log.WriteAsync("call-session", entities: 3, versions: 10);
        // The crash must hit a batch that has versions to commit, so the feed has to show more than the first batch.
        await log.FeedShowsAsync(records.Count);
        var crashed = log.Writer(batchSize: 8, headEveryVersions: 8);
        await crashed.ClaimAsync();
        Assert.Equal(8, await crashed.RunOnceAsync());
        var committed = crashed.TreeSize;
        crashed.BeforeCommit = () => throw new InvalidOperationException("killed mid-extension");
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashed.RunOnceAsync());

        var restarted = log.Writer(batchSize: 8, headEveryVersions: 1);
        await restarted.ClaimAsync();
        Assert.Equal(committed, restarted.TreeSize);
        Assert.True(committed < records.Count);
        await AuditLogHarness.CatchUpToAsync(restarted, records.Count);
        crashed.BeforeCommit = null;
        await Assert.ThrowsAsync<TransparencyLogFencedException>(() => crashed.RunOnceAsync());

        var expected = await log.RootOfFeedAsync(records.Count);
        Assert.Equal(expected, restarted.LastHead!.RootHash);
        Assert.Equal(expected, log.ExportedHeads()[records.Count].RootHash);
    }

    [Fact]
    public async Task should_never_publish_two_heads_for_one_size_when_two_writers_compete()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_race");
        var records = await log.WriteAsync("call-session", entities: 6, versions: 10);
        var fenced = 0;

        async Task RunAsync(TransparencyLogWriter writer)
        {
            await writer.ClaimAsync();
            while (writer.TreeSize < records.Count)
            {
                try
                {
                    await writer.RunOnceAsync();
                }
                catch (TransparencyLogFencedException)
                {
                    Interlocked.Increment(ref fenced);
                    await writer.ClaimAsync();
                }
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Task.WhenAll(RunAsync(log.Writer(batchSize: 3, headEveryVersions: 2)), RunAsync(log.Writer(batchSize: 5, headEveryVersions: 3))).WaitAsync(timeout.Token);

        // The race may end between heads: a last writer signs the final size (an empty batch signs when a head is due).
        var closer = log.Writer(headEveryVersions: 1);
        await closer.ClaimAsync();
        await closer.RunOnceAsync();
        var exported = log.ExportedHeads();
        var verifier = new AuditVerifier(log.Keys);
        var latest = await log.Reader.LatestHeadAsync();
        Assert.Equal(records.Count, latest!.TreeSize);
        Assert.True(fenced > 0, "the writers never fenced each other");
        foreach (var (size, head) in exported)
        {
            var consistency = await log.Reader.ConsistencyAsync(size, latest!.TreeSize);
            Assert.True(verifier.VerifyExtension(head, latest, consistency.Proof).IsValid, $"head {size} is not extended by the latest");
        }

        foreach (var record in records)
        {
            var proof = await log.Reader.InclusionAsync(record.Key, record.Version, latest!.TreeSize);
            Assert.True(verifier.VerifyVersion(proof.Leaf, proof.Proof, latest).IsValid);
        }
    }
}
