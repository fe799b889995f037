namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>
/// The guarantees of issue 20, checked against the journal: every committed version published at least once and
/// nothing published that was not committed (same hash); per entity, first arrivals in version order (a repeat is the
/// same message id, so the same version); every good command produced exactly one version, and every poison command
/// sits in the dead letters with its reason and produced none.
/// </summary>
public static class MessagingChecks
{
    public static List<string> Check(
        IReadOnlyList<JournalVersion> journal,
        IReadOnlyCollection<ObservedChange> received,
        IReadOnlyList<SentCommand> commands,
        IReadOnlyDictionary<string, string> deadLetters)
    {
        var violations = new List<string>();
        var byMessageId = received.GroupBy(change => change.MessageId).ToDictionary(group => group.Key, group => group.ToList());
        var committed = journal.ToDictionary(row => row.MessageId);
        foreach (var row in journal.Where(row => !byMessageId.ContainsKey(row.MessageId)))
        {
            violations.Add($"committed but never published: {row.MessageId}");
        }

        foreach (var (messageId, copies) in byMessageId)
        {
            if (!committed.TryGetValue(messageId, out var row))
            {
                violations.Add($"published but not in the journal: {messageId}");
            }
            else if (copies.Any(copy => copy.Hash != row.Hash || copy.Version != row.Version || copy.Subject != row.Subject))
            {
                violations.Add($"a copy of {messageId} differs from the committed version (hash, version or subject)");
            }
        }

        foreach (var entity in received.OrderBy(change => change.Arrival).GroupBy(change => change.Subject))
        {
            var firstArrivals = entity.Select(change => change.Version).Distinct().ToArray();
            if (!firstArrivals.SequenceEqual(firstArrivals.Order()))
            {
                violations.Add($"out of order for {entity.Key}: first arrivals {string.Join(",", firstArrivals)}");
            }
        }

        var caused = journal.Where(row => row.CausationId is not null).GroupBy(row => row.CausationId!).ToDictionary(group => group.Key, group => group.Count());
        foreach (var command in commands)
        {
            var versions = caused.GetValueOrDefault(command.MessageId);
            var letter = deadLetters.GetValueOrDefault(command.MessageId);
            if (command.ExpectedError is null && (versions != 1 || letter is not null))
            {
                violations.Add($"command {command.MessageId} produced {versions} versions (expected exactly one){(letter is null ? "" : $" and was dead-lettered ({letter})")}");
            }
            else if (command.ExpectedError is { } expected && (versions != 0 || letter != expected))
            {
                violations.Add($"poison command {command.MessageId} produced {versions} versions and sits in the dead letters with '{letter ?? "nothing"}' (expected '{expected}')");
            }
        }

        return violations;
    }
}
