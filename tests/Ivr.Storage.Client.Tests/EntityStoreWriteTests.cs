using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

[Collection(StoreClusterCollection.Name)]
public sealed class EntityStoreWriteTests(StoreClusterFixture fixture)
{
    private IEntityStore Store => fixture.Store;

    private sealed record Caller(string Name, int Attempts, string? Note = null);

    [Fact]
    public async Task put_from_a_json_string_creates_version_1_and_stamps_the_configured_source()
    {
        var key = StoreClusterFixture.NewKey();

        var result = await Store.PutAsync(key, """{"b":2,"a":1}""");

        Assert.Equal(1, result.Version);
        Assert.Equal(key, result.Key);
        Assert.False(result.IdempotentReplay);
        var state = await Store.GetAsync(key);
        Assert.Equal("""{"a":1,"b":2}""", state.Payload);
        Assert.Equal("client-tests", state.LastProvenance.Source);
    }

    [Fact]
    public async Task put_from_a_json_element_and_from_a_typed_value_store_the_same_canonical_payload()
    {
        var element = JsonDocument.Parse("""{"name":"ann","attempts":3,"note":null}""").RootElement;
        var fromElement = StoreClusterFixture.NewKey();
        var fromValue = StoreClusterFixture.NewKey();

        await Store.PutAsync(fromElement, element);
        await Store.PutAsync(fromValue, new Caller("ann", 3));

        var stored = (await Store.GetAsync(fromValue)).Payload;
        Assert.Equal((await Store.GetAsync(fromElement)).Payload, stored);
        Assert.Equal(new Caller("ann", 3), (await Store.GetAsync(fromValue)).PayloadAs<Caller>());
    }

    [Fact]
    public async Task patch_applies_a_merge_patch_given_as_string_element_or_typed_value()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, new Caller("ann", 1, "first"));

        await Store.PatchAsync(key, """{"note":null}""");
        await Store.PatchAsync(key, JsonDocument.Parse("""{"attempts":2}""").RootElement);
        var last = await Store.PatchAsync(key, new { name = "bob" });

        Assert.Equal(4, last.Version);
        Assert.Equal("""{"attempts":2,"name":"bob"}""", (await Store.GetAsync(key)).Payload);
        Assert.Equal(ChangeKind.Patch, (await Store.GetVersionAsync(key, 4)).Kind);
    }

    [Fact]
    public async Task delete_writes_a_tombstone_and_revert_brings_an_earlier_payload_back_as_a_new_version()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"v":1}""");
        await Store.PutAsync(key, """{"v":2}""");

        var deleted = await Store.DeleteAsync(key);
        var reverted = await Store.RevertAsync(key, 1);

        Assert.True(deleted.Deleted);
        Assert.Equal(3, deleted.Version);
        Assert.Equal(4, reverted.Version);
        Assert.Equal("""{"v":1}""", (await Store.GetAsync(key)).Payload);
        Assert.Equal(ChangeKind.Revert, (await Store.GetVersionAsync(key, 4)).Kind);
    }

    [Fact]
    public async Task every_write_without_a_key_gets_a_fresh_idempotency_key_and_a_given_key_is_kept()
    {
        var key = StoreClusterFixture.NewKey();

        await Store.PutAsync(key, """{"v":1}""");
        await Store.PutAsync(key, """{"v":2}""");
        await Store.PutAsync(key, """{"v":3}""", new EntityWriteOptions { IdempotencyKey = "caller-key" });

        var keys = await Store.GetHistoryAsync(key).Select(record => record.IdempotencyKey).ToListAsync();
        Assert.True(Guid.TryParseExact(keys[0], "N", out _));
        Assert.True(Guid.TryParseExact(keys[1], "N", out _));
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal("caller-key", keys[2]);
    }

    [Fact]
    public async Task a_repeated_write_with_the_same_key_is_answered_as_a_replay_without_a_new_version()
    {
        var key = StoreClusterFixture.NewKey();
        var options = new EntityWriteOptions { IdempotencyKey = "once" };

        var first = await Store.PutAsync(key, """{"v":1}""", options);
        var again = await Store.PutAsync(key, """{"v":1}""", options);

        Assert.True(again.IdempotentReplay);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(1, (await Store.GetAsync(key)).Version);
    }

    [Fact]
    public async Task provenance_fields_given_per_write_override_the_defaults()
    {
        var key = StoreClusterFixture.NewKey();
        var options = new EntityWriteOptions
        {
            Source = "billing-worker",
            CorrelationId = "corr-42",
            CausationId = "msg-7",
            Actor = "svc-billing",
            Reason = "monthly close",
            SchemaVersion = 3,
            Tags = new Dictionary<string, string> { ["region"] = "eu" },
        };

        await Store.PutAsync(key, """{"v":1}""", options);

        var record = await Store.GetVersionAsync(key, 1);
        Assert.Equal(new Provenance { Source = "billing-worker", CorrelationId = "corr-42", CausationId = "msg-7", Actor = "svc-billing", Reason = "monthly close" }, record.Provenance);
        Assert.Equal(3, record.SchemaVersion);
        Assert.Equal("eu", record.Tags["region"]);
    }
}
