using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

/// <summary><see cref="ExpectedVersion.Exists"/>: the entity is written and its latest version is not a delete, at any version.</summary>
[Collection(EntityClusterCollection.Name)]
public sealed class ExpectedExistsTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task exists_on_a_missing_entity_conflicts_naming_entity_expectation_and_version_0_and_writes_nothing()
    {
        var grain = NewEntity(out var key);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => grain.Put("""{"a":1}""", By(expected: ExpectedVersion.Exists)));

        Assert.Equal(key, conflict.Key);
        Assert.Equal(ExpectedVersion.Exists, conflict.Expected);
        Assert.Equal(0, conflict.ActualVersion);
        Assert.False(conflict.ActualIsDeleted);
        Assert.Contains(key.ToGrainKey(), conflict.Message, StringComparison.Ordinal);
        Assert.Contains("expected version any (must exist), actual version 0", conflict.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetCurrent());
    }

    [Fact]
    public async Task exists_on_a_deleted_entity_conflicts_naming_the_delete()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1}""", By());
        await grain.Delete(By());

        var put = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => grain.Put("""{"a":2}""", By(expected: ExpectedVersion.Exists)));
        var patch = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => grain.Patch("""{"a":2}""", By(expected: ExpectedVersion.Exists)));

        Assert.Equal(2, put.ActualVersion);
        Assert.True(put.ActualIsDeleted);
        Assert.Contains("actual version 2 (a delete)", put.Message, StringComparison.Ordinal);
        Assert.Equal(2, patch.ActualVersion);
        Assert.Equal(2, (await grain.GetCurrent()).Version);
    }

    [Fact]
    public async Task exists_on_a_live_entity_writes_at_whatever_version_it_is()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1}""", By());
        await grain.Put("""{"a":2}""", By());

        var put = await grain.Put("""{"a":3}""", By(expected: ExpectedVersion.Exists));
        var patch = await grain.Patch("""{"b":1}""", By(expected: ExpectedVersion.Exists));
        var delete = await grain.Delete(By(expected: ExpectedVersion.Exists));

        Assert.Equal([3L, 4L, 5L], [put.Version, patch.Version, delete.Version]);
        Assert.True(delete.Deleted);
    }

    [Fact]
    public async Task exists_is_decided_on_the_journal_head_when_the_activation_missed_the_first_version()
    {
        var grain = NewEntity(out var key);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetCurrent());
        await using var other = await JournalHarness.StartAsync();
        await other.Journal.AppendAsync(TestChains.Next(key, null, """{"a":1}"""));

        var result = await grain.Put("""{"a":2}""", By(expected: ExpectedVersion.Exists));

        Assert.Equal(2, result.Version);
    }

    [Fact]
    public async Task a_delete_with_exists_retried_on_a_new_activation_replays_instead_of_conflicting()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1}""", By());
        var original = await grain.Delete(By(expected: ExpectedVersion.Exists, idempotencyKey: "delete-if-exists"));

        await Fixture.Cluster.DeactivateAsync(grain);
        var retry = await grain.Delete(By(expected: ExpectedVersion.Exists, idempotencyKey: "delete-if-exists"));

        Assert.True(retry.IdempotentReplay);
        Assert.Equal(original.Version, retry.Version);
        Assert.Equal(2, (await grain.GetCurrent()).Version);
    }
}
