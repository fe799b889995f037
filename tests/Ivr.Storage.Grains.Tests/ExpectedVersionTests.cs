using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

[Collection(EntityClusterCollection.Name)]
public sealed class ExpectedVersionTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task should_not_write_when_the_expected_version_is_stale_and_should_name_entity_and_versions()
    {
        var grain = NewEntity(out var key);
        await grain.Put("""{"a":1}""", By());
        await grain.Put("""{"a":2}""", By());

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => grain.Put("""{"a":3}""", By(expected: ExpectedVersion.Exactly(1))));

        Assert.Equal(key, conflict.Key);
        Assert.Equal(ExpectedVersion.Exactly(1), conflict.Expected);
        Assert.Equal(2, conflict.ActualVersion);
        Assert.Contains(key.ToGrainKey(), conflict.Message, StringComparison.Ordinal);
        Assert.Contains("expected version 1", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("actual version 2", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await grain.GetCurrent()).Version);
        Assert.Equal(2, (await grain.GetHistory(new HistoryQuery())).Items.Count);
    }

    [Fact]
    public async Task must_not_exist_succeeds_once_and_then_conflicts()
    {
        var grain = NewEntity(out _);

        var created = await grain.Put("""{"a":1}""", By(expected: ExpectedVersion.NotExists));
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => grain.Put("""{"a":2}""", By(expected: ExpectedVersion.NotExists)));

        Assert.Equal(1, created.Version);
        Assert.Equal(1, conflict.ActualVersion);
    }

    [Fact]
    public async Task must_not_exist_holds_again_after_a_delete()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1}""", By());
        await grain.Delete(By());

        var recreated = await grain.Put("""{"a":2}""", By(expected: ExpectedVersion.NotExists));

        Assert.Equal(3, recreated.Version);
    }

    [Fact]
    public async Task exact_version_on_a_missing_entity_conflicts_with_actual_version_0()
    {
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => NewEntity(out _).Put("{}", By(expected: ExpectedVersion.Exactly(3))));

        Assert.Equal(0, conflict.ActualVersion);
    }

    [Fact]
    public async Task thirty_two_parallel_writers_with_expected_versions_never_fork_the_chain()
    {
        var key = NewKey();
        await Grain(key).Put("""{"writer":-1}""", By());
        var wins = new System.Collections.Concurrent.ConcurrentBag<(int Writer, long Version)>();
        var conflicts = 0;

        // Each writer reads the head and tries to write the next version; a bounded number of rounds each.
        var writers = Enumerable.Range(0, 32).Select(writer => Task.Run(async () =>
        {
            var grain = Grain(key);
            for (var round = 0; round < 5; round++)
            {
                var current = await grain.GetCurrent();
                try
                {
                    var result = await grain.Put($$"""{"writer":{{writer}},"round":{{round}}}""", By(expected: ExpectedVersion.Exactly(current.Version)));
                    wins.Add((writer, result.Version));
                }
                catch (ConcurrencyConflictException ex)
                {
                    Assert.True(ex.ActualVersion > current.Version);
                    Interlocked.Increment(ref conflicts);
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var head = await Grain(key).GetCurrent();
        var versions = wins.Select(w => w.Version).Order().ToArray();
        Assert.Equal(Enumerable.Range(2, versions.Length).Select(v => (long)v), versions);
        Assert.Equal(1 + versions.Length, head.Version);
        Assert.Equal(32 * 5, wins.Count + conflicts);
        var verification = await Grain(key).Verify();
        Assert.True(verification.IsValid, verification.Problem);
        Assert.Equal(head.Version, verification.VersionsChecked);
        foreach (var (writer, version) in wins)
        {
            Assert.Contains($"\"writer\":{writer}", (await Grain(key).GetVersion(version)).Payload, StringComparison.Ordinal);
        }
    }
}
