using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>
/// Whether the read model shows every entity as the journal's latest version does: same version, same deleted flag,
/// same payload (both canonical), and no entity the journal does not hold. Pure, so it can be tested with planted
/// differences; the scenario runner asks again until it holds or a bound passes.
/// </summary>
public static class ReadModelConvergence
{
    /// <param name="journal">The journal's rows of the entity type: all of them, or only each entity's latest.</param>
    /// <returns>One <see cref="ViolationKind.ReadModelDiverged"/> per entity that differs; empty when converged.</returns>
    public static IReadOnlyList<Violation> Compare(IReadOnlyList<JournalRow> journal, IReadOnlyList<ReadModelRow> readModel)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(readModel);
        var shown = new Dictionary<EntityKey, ReadModelRow>();
        foreach (var row in readModel)
        {
            shown[row.Key] = row;
        }

        var violations = new List<Violation>();
        var latest = journal.GroupBy(r => r.Record.Key).Select(entity => entity.MaxBy(r => r.Record.Version)!.Record);
        foreach (var record in latest)
        {
            var deleted = record.Kind == ChangeKind.Delete;
            if (!shown.Remove(record.Key, out var row))
            {
                violations.Add(Diverged($"{record.Key} is at version {record.Version} in the journal but missing from the read model"));
            }
            else if (row.Version != record.Version || row.Deleted != deleted || row.Payload != record.Payload)
            {
                violations.Add(Diverged($"{record.Key}: the journal's latest is version {record.Version} (deleted = {deleted}, payload {record.Payload ?? "null"}), the read model shows version {row.Version} (deleted = {row.Deleted}, payload {row.Payload ?? "null"})"));
            }
        }

        foreach (var row in shown.Values)
        {
            violations.Add(Diverged($"the read model shows {row.Key}@{row.Version}, which the journal does not hold"));
        }

        return violations;
    }

    private static Violation Diverged(string detail) => new(ViolationKind.ReadModelDiverged, detail);
}
