using System.Text.Json;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Client.Tests;

/// <summary>
/// Issue 18 through the client library: history pages, single versions, as-of reads and diffs shown at the latest
/// schema (a version stored under v1 read at v3 through two chained upcasters), while the stored history, its schema
/// versions and its hashes stay as written and verify.
/// </summary>
[Collection(StoreClusterCollection.Name)]
public sealed class SchemaUpcastHistoryClientTests(StoreClusterFixture fixture)
{
    private ISchemaRegistry Schemas => (ISchemaRegistry)fixture.Store;

    // Where the feed is read from: after schema v1's registration. From the feed's start, one page may not reach
    // this type's rows on a server that earlier tests filled.
    private FeedPosition _beforeVersions = FeedPosition.Start;

    /// <summary>Versions 1 and 2 stored under schema v1, version 3 under v3.</summary>
    private async Task<EntityKey> ThreeVersionsAcrossThreeSchemasAsync()
    {
        var key = EntityKey.Create("client-upcast-" + Guid.NewGuid().ToString("N")[..10], Guid.NewGuid().ToString("N"));
        _beforeVersions = (await Schemas.RegisterSchemaAsync(key.Type, UpcastChainSchemas.V1)).FeedPosition ?? FeedPosition.Start;
        await fixture.Store.PutAsync(key, """{"caller":"+5511999990000"}""");
        await fixture.Store.PatchAsync(key, """{"agent":"ana"}""");
        await Schemas.RegisterSchemaAsync(key.Type, UpcastChainSchemas.V2);
        await Schemas.RegisterSchemaAsync(key.Type, UpcastChainSchemas.V3);
        await fixture.Store.PutAsync(key, """{"from":"+5511999990000","priority":1,"channel":"chat"}""");
        return key;
    }

    [Fact]
    public async Task GetHistoryPageAtLatestSchema_VersionsStoredUnderV1_AreShownAtV3AndKeepStoredSchemaVersionsAndHashes()
    {
        var key = await ThreeVersionsAcrossThreeSchemasAsync();
        var query = new HistoryQuery { IncludePayloads = true };

        var upcast = await Schemas.GetHistoryPageAtLatestSchemaAsync(key, query);
        var stored = await fixture.Store.GetHistoryPageAsync(key, query);

        Assert.Equal(
            ["""{"channel":"voice","from":"+5511999990000","priority":0}""", """{"agent":"ana","channel":"voice","from":"+5511999990000","priority":0}""", """{"channel":"chat","from":"+5511999990000","priority":1}"""],
            upcast.Items.Select(item => item.Payload));
        Assert.All(upcast.Items, item => Assert.Equal(3, item.ShownAtSchemaVersion));
        Assert.Equal(stored.Items.Select(item => (item.SchemaVersion, item.Hash, item.PreviousHash)), upcast.Items.Select(item => (item.SchemaVersion, item.Hash, item.PreviousHash)));
        Assert.Equal("""{"caller":"+5511999990000"}""", stored.Items[0].Payload);
        Assert.All(stored.Items, item => Assert.Null(item.ShownAtSchemaVersion));
        Assert.True((await fixture.Store.VerifyAsync(key)).IsValid);
    }

    [Fact]
    public async Task GetVersionAndAsOfAtLatestSchema_VersionStoredUnderV1_AreUpcastThroughBothUpcasters()
    {
        var key = await ThreeVersionsAcrossThreeSchemasAsync();
        var second = await fixture.Store.GetVersionAsync(key, 2);

        var version = await Schemas.GetVersionAtLatestSchemaAsync(key, 1);
        var asOf = await Schemas.GetAsOfAtLatestSchemaAsync(key, second.CommittedAt);

        Assert.Equal(("""{"channel":"voice","from":"+5511999990000","priority":0}""", 3, 1), (version.Payload, version.ShownAtSchemaVersion, version.SchemaVersion));
        Assert.Equal(2, asOf.Version);
        Assert.Equal("""{"agent":"ana","channel":"voice","from":"+5511999990000","priority":0}""", asOf.Payload);
        Assert.Equal(second.Hash, asOf.Hash);
    }

    [Fact]
    public async Task DiffAtLatestSchema_AcrossSchemaVersions_ComparesTheUpcastShapes()
    {
        var key = await ThreeVersionsAcrossThreeSchemasAsync();

        var upcast = await Schemas.DiffAtLatestSchemaAsync(key, 1, 3);
        var stored = await fixture.Store.DiffAsync(key, 1, 3);

        Assert.Equal(3, upcast.ShownAtSchemaVersion);
        Assert.Equal([("replace", "/channel"), ("replace", "/priority")], Operations(upcast.Patch).Order());
        Assert.Null(stored.ShownAtSchemaVersion);
        Assert.Contains(("remove", "/caller"), Operations(stored.Patch));
    }

    [Fact]
    public async Task HistoryAndDiffAtLatestSchema_TypeWithoutSchema_AreTheStoredOnes()
    {
        var key = EntityKey.Create("client-upcast-" + Guid.NewGuid().ToString("N")[..10], Guid.NewGuid().ToString("N"));
        await fixture.Store.PutAsync(key, """{"free":"form"}""");
        await fixture.Store.PatchAsync(key, """{"more":1}""");
        var query = new HistoryQuery { IncludePayloads = true };

        var upcast = await Schemas.GetHistoryPageAtLatestSchemaAsync(key, query);
        var diff = await Schemas.DiffAtLatestSchemaAsync(key, 1, 2);

        Assert.Equal((await fixture.Store.GetHistoryPageAsync(key, query)).Items.Select(Shown), upcast.Items.Select(Shown));
        Assert.Equal(await fixture.Store.DiffAsync(key, 1, 2), diff);
        Assert.Null(diff.ShownAtSchemaVersion);
    }

    [Fact]
    public async Task ReadChanges_AtLatestSchema_CarriesTheStoredSchemaVersionAndTheUpcastPayload()
    {
        var key = await ThreeVersionsAcrossThreeSchemasAsync();
        var feed = fixture.Feed;
        var filter = new ChangeFeedFilter { Types = [key.Type], AtLatestSchema = true };

        // The feed shows a commit once older transactions on the shared server ended: wait (bounded) for all three.
        var upcast = await Eventually.ValueAsync(
            async () => await feed.ReadAsync(_beforeVersions, 100, filter) is { Changes.Count: 3 } page ? page : null,
            TimeSpan.FromSeconds(30), () => $"the feed did not show the 3 versions of {key}");
        var stored = await feed.ReadAsync(_beforeVersions, 100, filter with { AtLatestSchema = false });

        Assert.Equal("""{"channel":"voice","from":"+5511999990000","priority":0}""", upcast.Changes[0].Payload);
        Assert.Equal([1, 1, 3], upcast.Changes.Select(change => change.PayloadSchemaVersion ?? 0));
        Assert.All(upcast.Changes, change => Assert.Equal(3, change.ShownAtSchemaVersion));
        Assert.Equal(stored.Changes.Select(change => change.Hash), upcast.Changes.Select(change => change.Hash));
        Assert.Equal("""{"caller":"+5511999990000"}""", stored.Changes[0].Payload);
        Assert.All(stored.Changes, change => Assert.Null(change.ShownAtSchemaVersion));
    }

    private static (long, string?, int?, string, int?) Shown(VersionRecord record) =>
        (record.Version, record.Payload, record.SchemaVersion, record.Hash, record.ShownAtSchemaVersion);

    private static IEnumerable<(string Op, string Path)> Operations(string patch) =>
        JsonDocument.Parse(patch).RootElement.EnumerateArray()
            .Select(operation => (operation.GetProperty("op").GetString()!, operation.GetProperty("path").GetString()!)).ToList();
}
