using System.Text.Json.Nodes;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

[Collection(EntityClusterCollection.Name)]
public sealed class EntityWriteTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task put_creates_version_1_and_then_numbers_without_gaps()
    {
        var grain = NewEntity(out var key);

        var first = await grain.Put("""{"name":"a","n":1}""", By());
        var second = await grain.Put("""{"name":"b","n":2}""", By());

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(key, second.Key);
        Assert.True(second.CommittedAt > first.CommittedAt);
        var state = await grain.GetCurrent();
        Assert.Equal(2, state.Version);
        Assert.Equal("""{"n":2,"name":"b"}""", state.Payload);
        Assert.Equal(first.CommittedAt, state.CreatedAt);
        Assert.Equal(second.CommittedAt, state.UpdatedAt);
        Assert.Equal("tests", state.LastProvenance.Source);
        Assert.Equal(second.Hash, state.Hash);
        Assert.False(state.Deleted);
    }

    [Fact]
    public async Task patch_applies_a_json_merge_patch_to_the_current_payload()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1,"b":{"c":2,"d":3}}""", By());

        var result = await grain.Patch("""{"b":{"c":null,"e":4},"f":"x"}""", By());

        Assert.Equal(2, result.Version);
        Assert.Equal("""{"a":1,"b":{"d":3,"e":4},"f":"x"}""", (await grain.GetCurrent()).Payload);
        Assert.Equal(ChangeKind.Patch, (await grain.GetVersion(2)).Kind);
    }

    [Fact]
    public async Task delete_writes_a_tombstone_and_a_later_put_continues_the_numbering()
    {
        var grain = NewEntity(out var key);
        await grain.Put("""{"a":1}""", By());

        var deleted = await grain.Delete(By());
        var state = await grain.GetCurrent();
        var again = await grain.Put("""{"a":2}""", By());

        Assert.True(deleted.Deleted);
        Assert.Equal(2, deleted.Version);
        Assert.True(state.Deleted);
        Assert.Null(state.Payload);
        Assert.Equal(3, again.Version);
        Assert.Equal("""{"a":1}""", (await grain.GetVersion(1)).Payload);
        Assert.True((await grain.GetVersion(2)).Deleted);
        var patchDeleted = await Assert.ThrowsAsync<EntityDeletedException>(async () =>
        {
            await grain.Delete(By());
            await grain.Patch("{}", By());
        });
        Assert.Equal(key, patchDeleted.Key);
    }

    [Fact]
    public async Task revert_writes_a_new_version_with_the_old_payload()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"v":"one"}""", By());
        await grain.Put("""{"v":"two"}""", By());

        var reverted = await grain.Revert(1, By());

        Assert.Equal(3, reverted.Version);
        var third = await grain.GetVersion(3);
        Assert.Equal(ChangeKind.Revert, third.Kind);
        Assert.Equal("""{"v":"one"}""", third.Payload);
    }

    [Fact]
    public async Task revert_to_a_tombstone_is_refused_and_writes_nothing()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"v":1}""", By());
        await grain.Delete(By());

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Revert(2, By()));

        Assert.Equal(ValidationErrorCode.InvalidOperation, error.Code);
        Assert.Equal(2, (await grain.GetCurrent()).Version);
    }

    [Fact]
    public async Task writes_to_a_missing_entity_that_need_a_payload_fail_with_not_found()
    {
        await Assert.ThrowsAsync<EntityNotFoundException>(() => NewEntity(out _).Patch("""{"a":1}""", By()));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => NewEntity(out _).Delete(By()));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => NewEntity(out _).Revert(1, By()));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => NewEntity(out _).GetCurrent());
    }

    [Fact]
    public async Task payloads_are_stored_in_canonical_form()
    {
        var grain = NewEntity(out _);

        await grain.Put("""{ "b" : 1.0, "a" : [true, null, "\u00e9"], "c": 1e2 }""", By());

        Assert.Equal("""{"a":[true,null,"é"],"b":1,"c":100}""", (await grain.GetCurrent()).Payload);
        Assert.NotNull(JsonNode.Parse((await grain.GetVersion(1)).Payload!));
    }
}
