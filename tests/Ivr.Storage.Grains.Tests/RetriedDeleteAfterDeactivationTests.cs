using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

/// <summary>
/// Regression (issue 8, fault injection): a delete or patch whose answer was lost (the silo died after the commit) is
/// retried with the same idempotency key on a new activation. That activation loads the head the first attempt
/// wrote, so "the entity must be live" fails, and the retry was answered 410 Gone / EntityDeletedException although
/// the first attempt had committed: the caller was told its committed write was refused. A retry must replay.
/// </summary>
[Collection(EntityClusterCollection.Name)]
public sealed class RetriedDeleteAfterDeactivationTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task a_delete_retried_on_a_new_activation_replays_the_committed_delete()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1}""", By());
        var original = await grain.Delete(By(idempotencyKey: "delete-1"));

        await Fixture.Cluster.DeactivateAsync(grain);
        var retry = await grain.Delete(By(idempotencyKey: "delete-1"));

        Assert.True(retry.IdempotentReplay);
        Assert.True(retry.Deleted);
        Assert.Equal(original.Version, retry.Version);
        Assert.Equal(original.Hash, retry.Hash);
        Assert.Equal(2, (await grain.GetCurrent()).Version);
    }

    [Fact]
    public async Task a_patch_retried_after_a_later_delete_replays_the_committed_patch()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1}""", By());
        var original = await grain.Patch("""{"b":2}""", By(idempotencyKey: "patch-1"));
        await grain.Delete(By());

        await Fixture.Cluster.DeactivateAsync(grain);
        var retry = await grain.Patch("""{"b":2}""", By(idempotencyKey: "patch-1"));

        Assert.True(retry.IdempotentReplay);
        Assert.Equal(original.Version, retry.Version);
        Assert.Equal(3, (await grain.GetCurrent()).Version);
    }

    [Fact]
    public async Task a_first_delete_of_a_deleted_entity_is_still_refused()
    {
        var grain = NewEntity(out var key);
        await grain.Put("""{"a":1}""", By());
        await grain.Delete(By(idempotencyKey: "delete-a"));

        await Fixture.Cluster.DeactivateAsync(grain);
        var error = await Assert.ThrowsAsync<EntityDeletedException>(() => grain.Delete(By(idempotencyKey: "delete-b")));

        Assert.Equal(key, error.Key);
        Assert.Equal(2, (await grain.GetCurrent()).Version);
    }
}
