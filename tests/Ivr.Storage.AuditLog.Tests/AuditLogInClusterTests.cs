using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.AuditLog.Sinks;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.AuditLog.Tests;

[Collection(AuditLogClusterCollection.Name)]
public sealed class AuditLogInClusterTests(AuditLogClusterFixture fixture)
{
    private static WriteOptions By() => new() { Provenance = new Provenance { Source = "audit-tests" } };

    [Fact]
    public async Task should_follow_the_writes_of_the_cluster_and_prove_each_against_an_exported_head()
    {
        var keys = Enumerable.Range(0, 4).Select(i => EntityKey.Create("call-session", $"audit-{i}-{Guid.NewGuid():N}")).ToArray();
        foreach (var key in keys)
        {
            var grain = fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey());
            await grain.Put("""{"state":"ringing"}""", By());
            await grain.Patch("""{"state":"answered"}""", By());
        }

        var log = fixture.Client.GetGrain<IAuditLogGrain>(IAuditLogGrain.Journal);
        await log.EnsureRunning();
        var head = await Eventually.ValueAsync(
            async () =>
            {
                var size = await log.GetTreeSize();
                var path = Path.Combine(fixture.HeadDirectory, DirectoryTreeHeadSink.FileName(size));
                return size >= 2 * keys.Length && File.Exists(path) ? TreeHeadJson.Parse(await File.ReadAllTextAsync(path)) : null;
            },
            TimeSpan.FromSeconds(30),
            () => "the transparency log never signed a head covering the writes");

        await using var database = NpgsqlDataSource.Create(fixture.Database.JournalConnectionString);
        var reader = new TransparencyLogReader(database);
        var verifier = new AuditVerifier(fixture.Keys);
        foreach (var key in keys)
        {
            for (var version = 1; version <= 2; version++)
            {
                var proof = await reader.InclusionAsync(key, version, head.TreeSize);
                Assert.True(verifier.VerifyVersion(proof.Leaf, proof.Proof, head).IsValid);
            }
        }
    }
}
