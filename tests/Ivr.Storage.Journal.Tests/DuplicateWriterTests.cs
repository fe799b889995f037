using Ivr.Storage.Testing;
namespace Ivr.Storage.Journal.Tests;

/// <summary>Two journals with their own connection pools stand for two activations of one grain on two silos.</summary>
public sealed class DuplicateWriterTests
{
    [Fact]
    public async Task two_writers_racing_for_the_same_version_never_both_commit()
    {
        await using var silo1 = await JournalHarness.StartAsync();
        await using var silo2 = await JournalHarness.StartAsync();

        for (var round = 0; round < 20; round++)
        {
            var key = JournalHarness.NewKey();
            var first = TestChains.Next(key, null, """{"writer":1}""");
            var second = TestChains.Next(key, null, """{"writer":2}""");

            var outcomes = await Task.WhenAll(silo1.Journal.AppendAsync(first), silo2.Journal.AppendAsync(second));

            Assert.Single(outcomes, o => o is AppendOutcome.Committed);
            Assert.Single(outcomes, o => o is AppendOutcome.VersionTaken);
            var stored = await silo1.Journal.ReadVersionAsync(key, 1);
            var winner = outcomes[0] is AppendOutcome.Committed ? first : second;
            Assert.Equal(winner.Payload, stored!.Payload);
            Assert.Equal(winner.Hash, stored.Hash);
            Assert.Null(await silo1.Journal.ReadVersionAsync(key, 2));
        }
    }

    [Fact]
    public async Task a_reused_idempotency_key_is_reported_with_the_row_that_used_it()
    {
        await using var silo1 = await JournalHarness.StartAsync();
        await using var silo2 = await JournalHarness.StartAsync();
        var key = JournalHarness.NewKey();
        var v1 = TestChains.Next(key, null, idempotencyKey: "once");
        await silo1.Journal.AppendAsync(v1);

        var outcome = await silo2.Journal.AppendAsync(TestChains.Next(key, v1, idempotencyKey: "once"));

        var used = Assert.IsType<AppendOutcome.IdempotencyKeyUsed>(outcome);
        Assert.Equal(1, used.Existing.Version);
    }
}
