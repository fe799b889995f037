using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

[Collection(EntityClusterCollection.Name)]
public sealed class IdempotencyTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task a_repeated_key_returns_the_original_result_and_writes_nothing()
    {
        var grain = NewEntity(out _);

        var original = await grain.Put("""{"a":1}""", By(idempotencyKey: "k-1"));
        var replay = await grain.Put("""{"a":1}""", By(idempotencyKey: "k-1"));

        Assert.False(original.IdempotentReplay);
        Assert.True(replay.IdempotentReplay);
        Assert.Equal(original.Version, replay.Version);
        Assert.Equal(original.Hash, replay.Hash);
        Assert.Equal(1, (await grain.GetCurrent()).Version);
    }

    [Fact]
    public async Task a_repeated_key_with_a_stale_expected_version_is_still_a_replay()
    {
        var grain = NewEntity(out _);
        var original = await grain.Put("""{"a":1}""", By(expected: ExpectedVersion.NotExists, idempotencyKey: "create"));
        await grain.Put("""{"a":2}""", By());

        var replay = await grain.Put("""{"a":1}""", By(expected: ExpectedVersion.NotExists, idempotencyKey: "create"));

        Assert.True(replay.IdempotentReplay);
        Assert.Equal(original.Version, replay.Version);
        Assert.Equal(2, (await grain.GetCurrent()).Version);
    }

    [Fact]
    public async Task the_same_key_with_a_different_request_is_an_idempotency_conflict()
    {
        var grain = NewEntity(out var key);
        await grain.Put("""{"a":1}""", By(idempotencyKey: "k-2"));

        var error = await Assert.ThrowsAsync<IdempotencyConflictException>(() => grain.Put("""{"a":999}""", By(idempotencyKey: "k-2")));

        Assert.Equal(key, error.Key);
        Assert.Equal("k-2", error.IdempotencyKey);
        Assert.Equal(1, error.OriginalVersion);
        Assert.Equal("""{"a":1}""", (await grain.GetCurrent()).Payload);
    }

    [Fact]
    public async Task idempotency_holds_across_deactivation()
    {
        var grain = NewEntity(out _);
        var original = await grain.Put("""{"a":1}""", By(idempotencyKey: "k-3"));

        await Fixture.Cluster.DeactivateAsync(grain);
        var replay = await grain.Put("""{"a":1}""", By(idempotencyKey: "k-3"));
        var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() => grain.Put("""{"a":2}""", By(idempotencyKey: "k-3")));

        Assert.True(replay.IdempotentReplay);
        Assert.Equal(original.Version, replay.Version);
        Assert.Equal(original.Version, conflict.OriginalVersion);
        Assert.Equal(1, (await grain.GetCurrent()).Version);
    }
}
