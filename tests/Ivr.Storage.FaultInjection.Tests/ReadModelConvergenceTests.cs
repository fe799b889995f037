using Ivr.Storage.Contracts;
using Ivr.Storage.FaultInjection.Checking;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>The read-model oracle: the journal's latest versions pass, and every planted difference is caught.</summary>
public sealed class ReadModelConvergenceTests
{
    private static readonly EntityKey Live = EntityKey.Create("fi-read-model", "live");
    private static readonly EntityKey Deleted = EntityKey.Create("fi-read-model", "deleted");

    [Fact]
    public void read_model_showing_every_latest_version_has_converged()
    {
        var (journal, readModel) = Converged();
        Assert.Empty(ReadModelConvergence.Compare(journal, readModel));
    }

    [Fact]
    public void missing_stale_extra_and_differing_entities_are_each_reported()
    {
        var (journal, readModel) = Converged();
        var live = readModel.Single(r => r.Key == Live);
        var deleted = readModel.Single(r => r.Key == Deleted);
        var extra = new ReadModelRow(EntityKey.Create("fi-read-model", "never-written"), 1, false, """{"n":1}""");
        ReadModelRow[][] planted =
        [
            [deleted],
            [live with { Version = 2, Payload = """{"n":2}""" }, deleted],
            [live with { Payload = """{"n":99}""" }, deleted],
            [live, deleted with { Deleted = false, Payload = """{"n":1}""" }],
            [live, deleted, extra],
        ];
        foreach (var rows in planted)
        {
            var violations = ReadModelConvergence.Compare(journal, rows);
            Assert.Single(violations);
            Assert.Equal(ViolationKind.ReadModelDiverged, violations[0].Kind);
        }
    }

    /// <summary>"live" has three versions; "deleted" was written once, then deleted; the read model shows exactly that.</summary>
    private static (List<JournalRow> Journal, List<ReadModelRow> ReadModel) Converged()
    {
        var journal = new List<JournalRow>();
        JournalRecord? previous = null;
        for (var i = 1; i <= 3; i++)
        {
            previous = TestChains.Next(Live, previous, $$"""{"n":{{i}}}""");
            journal.Add(Row(previous));
        }

        var created = TestChains.Next(Deleted, null);
        journal.Add(Row(created));
        journal.Add(Row(TestChains.Next(Deleted, created, payload: null, kind: ChangeKind.Delete)));
        return (journal, [new ReadModelRow(Live, 3, false, """{"n":3}"""), new ReadModelRow(Deleted, 2, true, null)]);
    }

    private static JournalRow Row(JournalRecord record) => new(record, new FeedPosition(1000, record.Version));
}
