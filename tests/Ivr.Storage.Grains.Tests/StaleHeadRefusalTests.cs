using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

/// <summary>
/// Regression (issue 8, fault injection, SIGSTOP scenario): an activation whose head is stale, because another
/// activation of the same entity wrote behind its back (a paused silo resumed), must not refuse a write on that head.
/// It was answering 404 to a patch of an entity whose first version it had never seen, and the write then committed
/// through the other activation: the client had been told "refused" about a write that is in the journal. Here the
/// other activation is played by a journal of the test's own, appending to the same chain.
/// </summary>
[Collection(EntityClusterCollection.Name)]
public sealed class StaleHeadRefusalTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task a_patch_on_a_head_that_missed_the_first_version_applies_to_the_journal_head()
    {
        var grain = NewEntity(out var key);
        // Activate with an empty head.
        await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetCurrent());
        await using var other = await JournalHarness.StartAsync();
        await other.Journal.AppendAsync(TestChains.Next(key, null, """{"a":1}"""));

        var result = await grain.Patch("""{"b":2}""", By(idempotencyKey: "patch-after-other-put"));

        Assert.Equal(2, result.Version);
        var current = await grain.GetCurrent();
        Assert.Equal(2, current.Version);
        Assert.Equal("""{"a":1,"b":2}""", current.Payload);
    }

    [Fact]
    public async Task an_expected_version_written_by_another_activation_is_not_a_conflict()
    {
        var grain = NewEntity(out var key);
        await grain.Put("""{"a":1}""", By());
        await AppendSecondVersionBehindTheGrainAsync(key);

        var result = await grain.Put("""{"a":3}""", By(expected: ExpectedVersion.Exactly(2)));

        Assert.Equal(3, result.Version);
        Assert.Equal(3, (await grain.GetCurrent()).Version);
    }

    [Fact]
    public async Task a_conflict_that_holds_on_the_journal_head_is_still_refused_and_names_it()
    {
        var grain = NewEntity(out var key);
        await grain.Put("""{"a":1}""", By());
        await AppendSecondVersionBehindTheGrainAsync(key);

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => grain.Put("""{"a":3}""", By(expected: ExpectedVersion.Exactly(1))));

        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(2, (await grain.GetCurrent()).Version);
    }

    /// <summary>Version 2, <c>{"a":2}</c>, written by "another activation": a journal of the test's own.</summary>
    private static async Task AppendSecondVersionBehindTheGrainAsync(EntityKey key)
    {
        await using var other = await JournalHarness.StartAsync();
        var first = (await other.Journal.ReadVersionAsync(key, 1))!;
        await other.Journal.AppendAsync(TestChains.Next(key, first, """{"a":2}"""));
    }
}
