using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>
/// Issue 21's adversarial cases as the database superuser, each checked offline against a head exported to the file
/// sink before the tampering; the report must name the first bad leaf and version. Each test has a database of its own.
/// </summary>
public sealed class SuperuserTamperingTests
{
    private const string Type = "tamper";

    [Fact]
    public async Task should_name_a_rewritten_version_even_when_every_later_hash_was_recomputed()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_rewrite");
        var (records, kept) = await WriteAndKeepHeadAsync(log);
        var chain = Of(records, "e1");
        var tail = SuperuserTampering.Rechain(chain[0], [chain[1] with { Payload = """{"n":666}""" }, .. chain[2..]]);
        await SuperuserTampering.ReplaceAsync(log.Database, chain[0].Key, 2, tail);

        var lines = await AuditExportLines.ExportAsync(log, kept.TreeSize);
        Assert.True(ChainStillVerifies(lines, chain[0].Key), "the tampering should leave a chain that verifies by itself");
        await AssertFirstBadAsync(log, kept, lines, chain[1], AuditFailure.RootMismatch);
    }

    [Fact]
    public async Task should_name_the_first_leaf_of_a_deleted_entity()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_delete");
        var (records, kept) = await WriteAndKeepHeadAsync(log);
        var chain = Of(records, "e1");
        await SuperuserTampering.ReplaceAsync(log.Database, chain[0].Key, 1, []);

        await AssertFirstBadAsync(log, kept, await AuditExportLines.ExportAsync(log, kept.TreeSize), chain[0], AuditFailure.VersionMissing);
    }

    [Fact]
    public async Task should_name_the_first_leaf_of_a_cut_chain_tail()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_cut");
        var (records, kept) = await WriteAndKeepHeadAsync(log);
        var chain = Of(records, "e2");
        await SuperuserTampering.ReplaceAsync(log.Database, chain[0].Key, 3, []);

        await AssertFirstBadAsync(log, kept, await AuditExportLines.ExportAsync(log, kept.TreeSize), chain[2], AuditFailure.VersionMissing);
    }

    [Fact]
    public async Task should_name_the_first_of_two_reordered_versions()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_reorder");
        var (records, kept) = await WriteAndKeepHeadAsync(log);
        var chain = Of(records, "e0");
        await SuperuserTampering.ReplaceAsync(log.Database, chain[0].Key, 2, SuperuserTampering.Rechain(chain[0], [chain[2], chain[1], chain[3]]));

        await AssertFirstBadAsync(log, kept, await AuditExportLines.ExportAsync(log, kept.TreeSize), chain[1], AuditFailure.RootMismatch);
    }

    [Fact]
    public async Task should_name_a_forged_version_inserted_behind_the_feed()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_forge");
        var (records, kept) = await WriteAndKeepHeadAsync(log);
        var chain = Of(records, "e1");
        var forged = chain[1] with { Payload = """{"forged":true}""", Provenance = new Provenance { Source = "forger" } };
        await SuperuserTampering.ReplaceAsync(log.Database, chain[0].Key, 2, SuperuserTampering.Rechain(chain[0], [forged, .. chain[1..]]));

        // Typed or not, the export shows the forged row where the log has the honest v2.
        await AssertFirstBadAsync(log, kept, await AuditExportLines.ExportAsync(log, kept.TreeSize, Type), chain[1], AuditFailure.RootMismatch, Type);
    }

    /// <summary>Three entities of four versions, the log caught up, and the head of all twelve as the file sink exported it.</summary>
    private static async Task<(List<JournalRecord> Records, SignedTreeHead Kept)> WriteAndKeepHeadAsync(AuditLogHarness log)
    {
        var records = await log.WriteAsync(Type, entities: 3, versions: 4);
        var writer = log.Writer(batchSize: 50, headEveryVersions: 1);
        await writer.ClaimAsync();
        await AuditLogHarness.CatchUpToAsync(writer, records.Count);
        var kept = log.ExportedHeads()[records.Count];

        var honest = AuditExportLines.Verify(log, kept, await AuditExportLines.ExportAsync(log, kept.TreeSize));
        Assert.True(honest.IsValid, $"the export before the tampering should verify: {honest}");
        return (records, kept);
    }

    private static List<JournalRecord> Of(List<JournalRecord> records, string id) => [.. records.Where(r => r.Key.Id == id).OrderBy(r => r.Version)];

    private static bool ChainStillVerifies(IEnumerable<System.Text.Json.Nodes.JsonObject> lines, EntityKey key)
    {
        var versions = lines.Select(Verify.Export.ExportLine.Parse).Where(l => l.Type == key.Type && l.Id == key.Id).ToList();
        return versions.All(v => v.ContentHash.AsSpan().SequenceEqual(v.Hash))
            && versions.Zip(versions.Skip(1)).All(p => p.Second.PreviousHash.AsSpan().SequenceEqual(p.First.Hash));
    }

    private static async Task AssertFirstBadAsync(AuditLogHarness log, SignedTreeHead kept, List<System.Text.Json.Nodes.JsonObject> lines, JournalRecord firstBad, AuditFailure failure, string? type = null)
    {
        var leaf = (await log.Reader.InclusionAsync(firstBad.Key, firstBad.Version, kept.TreeSize)).Proof.LeafIndex;
        var result = AuditExportLines.Verify(log, kept, lines, type);

        Assert.Equal(failure, result.Failure);
        Assert.StartsWith($"leaf {leaf} ", result.Detail, StringComparison.Ordinal);
        if (failure != AuditFailure.VersionMissing)
        {
            Assert.Contains($"{firstBad.Key.Type}/{firstBad.Key.Id} v{firstBad.Version}", result.Detail, StringComparison.Ordinal);
        }
    }
}
