using System.Globalization;
using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Entity;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

/// <summary>
/// The write decision on its own, without a cluster or a database: which step follows which facts. The cluster tests
/// (StaleHeadRefusalTests, IdempotencyTests, RetriedDeleteAfterDeactivationTests, ExpectedVersionTests) show the same
/// rules end to end.
/// </summary>
public sealed class WriteDecisionTests
{
    private static readonly EntityKey Key = EntityKey.Create("decision-test", "e-1");

    /// <summary>Expectation × head: whether the write goes ahead. "3" is Exactly(3).</summary>
    [Theory]
    [InlineData("any", 0, false, true)]
    [InlineData("any", 3, false, true)]
    [InlineData("any", 3, true, true)]
    [InlineData("none", 0, false, true)]
    [InlineData("none", 3, false, false)]
    [InlineData("none", 3, true, true)]
    [InlineData("exists", 0, false, false)]
    [InlineData("exists", 3, false, true)]
    [InlineData("exists", 3, true, false)]
    [InlineData("3", 0, false, false)]
    [InlineData("3", 2, false, false)]
    [InlineData("3", 3, false, true)]
    [InlineData("3", 3, true, true)]
    [InlineData("3", 4, false, false)]
    public void Begin_ExpectationAgainstHead_AppendsOrReadsTheHeadBeforeRefusing(string expected, long headVersion, bool headIsDeleted, bool holds)
    {
        var decision = new WriteDecision(Key, Expected(expected), hasIdempotencyKey: false);

        var step = decision.Begin(headVersion, headIsDeleted);

        if (holds)
        {
            Assert.IsType<WriteStep.Append>(step);
        }
        else
        {
            Assert.Equal(new WriteStep.ReadHead(TakenVersion: null), step);
        }
    }

    [Theory]
    [InlineData("none", 3, false)]
    [InlineData("exists", 0, false)]
    [InlineData("exists", 3, true)]
    [InlineData("3", 4, false)]
    public void HeadRead_ExpectationFailsOnTheJournalHead_RefusesNamingEntityExpectedAndActual(string expected, long headVersion, bool headIsDeleted)
    {
        var decision = new WriteDecision(Key, Expected(expected), hasIdempotencyKey: false);
        decision.Begin(headVersion, headIsDeleted);

        var step = decision.HeadRead(headVersion, headIsDeleted);

        var conflict = Assert.IsType<ConcurrencyConflictException>(Assert.IsType<WriteStep.Refuse>(step).Error);
        Assert.Equal(Key, conflict.Key);
        Assert.Equal(Expected(expected), conflict.Expected);
        Assert.Equal(headVersion, conflict.ActualVersion);
        Assert.Equal(headIsDeleted, conflict.ActualIsDeleted);
    }

    [Fact]
    public void HeadRead_ExpectationHoldsOnTheJournalHead_Appends()
    {
        // The held head missed version 2, written by another activation: Exactly(2) holds on the journal's head.
        var decision = new WriteDecision(Key, ExpectedVersion.Exactly(2), hasIdempotencyKey: false);
        Assert.IsType<WriteStep.ReadHead>(decision.Begin(1, false));

        Assert.IsType<WriteStep.Append>(decision.HeadRead(2, false));
    }

    [Fact]
    public void HeadRead_RefusalDueWithAnIdempotencyKey_LooksTheKeyUpFirst()
    {
        var decision = new WriteDecision(Key, ExpectedVersion.NotExists, hasIdempotencyKey: true);
        decision.Begin(1, false);

        Assert.IsType<WriteStep.LookUpKey>(decision.HeadRead(1, false));
        var refusal = Assert.IsType<WriteStep.Refuse>(decision.KeyLookedUp(holder: null));
        Assert.Equal(1, Assert.IsType<ConcurrencyConflictException>(refusal.Error).ActualVersion);
    }

    [Fact]
    public void KeyLookedUp_TheJournalHoldsTheKey_ReplaysThatWriteInsteadOfRefusing()
    {
        var earlier = TestChains.Next(Key, null, idempotencyKey: "k");
        var decision = new WriteDecision(Key, ExpectedVersion.NotExists, hasIdempotencyKey: true);
        decision.Begin(1, false);
        decision.HeadRead(1, false);

        Assert.Equal(new WriteStep.Replay(earlier, HeadIsStale: false), decision.KeyLookedUp(earlier));
    }

    [Fact]
    public void OperationRefused_OnTheHeldHead_ReadsTheHeadAndDecidesAgain()
    {
        var decision = new WriteDecision(Key, ExpectedVersion.Any, hasIdempotencyKey: true);
        Assert.IsType<WriteStep.Append>(decision.Begin(0, false));

        Assert.Equal(new WriteStep.ReadHead(TakenVersion: null), decision.OperationRefused(EntityNotFoundException.NoEntity(Key)));
        Assert.IsType<WriteStep.Append>(decision.HeadRead(1, false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OperationRefused_OnTheJournalHead_RefusesWithTheOperationsErrorAfterTheKeyLookup(bool hasIdempotencyKey)
    {
        var deleted = new EntityDeletedException(Key, 2, DateTimeOffset.UnixEpoch);
        var decision = new WriteDecision(Key, ExpectedVersion.Any, hasIdempotencyKey);
        decision.Begin(2, true);
        decision.OperationRefused(deleted);
        decision.HeadRead(2, true);

        var step = decision.OperationRefused(deleted);

        if (hasIdempotencyKey)
        {
            Assert.IsType<WriteStep.LookUpKey>(step);
            step = decision.KeyLookedUp(holder: null);
        }

        Assert.Same(deleted, Assert.IsType<WriteStep.Refuse>(step).Error);
    }

    [Fact]
    public void Appended_Committed_Acknowledges()
    {
        var decision = new WriteDecision(Key, ExpectedVersion.Any, hasIdempotencyKey: false);
        decision.Begin(0, false);

        Assert.Equal(new WriteStep.Acknowledge(new FeedPosition(7, 9)), decision.Appended(new AppendOutcome.Committed(new FeedPosition(7, 9))));
    }

    [Fact]
    public void Appended_KeyTaken_ReplaysItsHolderWhateverTheExpectation()
    {
        var holder = TestChains.Next(Key, null, idempotencyKey: "k");
        var decision = new WriteDecision(Key, ExpectedVersion.Exactly(1), hasIdempotencyKey: true);
        decision.Begin(1, false);

        Assert.Equal(new WriteStep.Replay(holder, HeadIsStale: true), decision.Appended(new AppendOutcome.IdempotencyKeyUsed(holder)));
    }

    [Fact]
    public void Appended_VersionTaken_ReadsTheHeadAndDecidesOnceMore()
    {
        var decision = new WriteDecision(Key, ExpectedVersion.Exactly(3), hasIdempotencyKey: false);
        decision.Begin(3, false);

        Assert.Equal(new WriteStep.ReadHead(TakenVersion: 4), decision.Appended(new AppendOutcome.VersionTaken(4)));
        // The other activation's version 4 makes the exact expectation fail: a conflict, never version 5.
        var conflict = Assert.IsType<ConcurrencyConflictException>(Assert.IsType<WriteStep.Refuse>(decision.HeadRead(4, false)).Error);
        Assert.Equal(4, conflict.ActualVersion);
    }

    [Fact]
    public void Appended_VersionTakenTwiceInOneWrite_Conflicts()
    {
        var decision = new WriteDecision(Key, ExpectedVersion.Any, hasIdempotencyKey: true);
        decision.Begin(3, false);
        decision.Appended(new AppendOutcome.VersionTaken(4));
        Assert.IsType<WriteStep.Append>(decision.HeadRead(4, false));

        Assert.Equal(new WriteStep.ReadHead(TakenVersion: 5), decision.Appended(new AppendOutcome.VersionTaken(5)));
        // No key lookup: the journal has just reported the key free.
        var conflict = Assert.IsType<ConcurrencyConflictException>(Assert.IsType<WriteStep.Refuse>(decision.HeadRead(5, false)).Error);
        Assert.Equal(5, conflict.ActualVersion);
    }

    [Fact]
    public void KeyLookedUp_WithoutADueRefusal_IsAMisuse()
    {
        var decision = new WriteDecision(Key, ExpectedVersion.Any, hasIdempotencyKey: true);
        decision.Begin(0, false);

        Assert.Throws<InvalidOperationException>(() => decision.KeyLookedUp(holder: null));
    }

    private static ExpectedVersion Expected(string text) => text switch
    {
        "any" => ExpectedVersion.Any,
        "none" => ExpectedVersion.NotExists,
        "exists" => ExpectedVersion.Exists,
        _ => ExpectedVersion.Exactly(long.Parse(text, CultureInfo.InvariantCulture)),
    };
}
