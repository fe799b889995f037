using System.Text.Json;
using Ivr.Storage.Contracts;
using Ivr.Storage.FaultInjection.Workload;
using Ivr.Storage.Json;

namespace Ivr.Storage.FaultInjection.Checking;

public static partial class ConsistencyChecker
{
    /// <summary>
    /// Every read showed a committed version: the Orleans client's reads carry the version's hash, the gateway's the
    /// payload itself (compared in canonical form, as the journal reader gives it), and both whether it was deleted.
    /// <paramref name="seen"/> starts each violation's detail: who saw it ("a reader saw", "a history page ... showed").
    /// </summary>
    private static void CheckReads(IReadOnlyList<ReadObservation> reads, Dictionary<(EntityKey, long), JournalRow> byVersion, List<Violation> violations, string seen)
    {
        foreach (var read in reads)
        {
            if (!byVersion.TryGetValue((read.Key, read.Version), out var row))
            {
                violations.Add(new Violation(ViolationKind.PhantomRead, $"{seen} {read.Key}@{read.Version} ({read.Hash ?? read.Payload}), which the journal does not hold"));
            }
            else if (ReadMismatch(read, row) is { } mismatch)
            {
                violations.Add(new Violation(ViolationKind.PhantomRead, $"{seen} {read.Key}@{read.Version} with {mismatch}"));
            }
        }
    }

    /// <summary>What a read showed that differs from the journal's row at that version, or null when it matches.</summary>
    private static string? ReadMismatch(ReadObservation read, JournalRow row)
    {
        var deleted = row.Record.Kind == ChangeKind.Delete;
        if (read.Deleted != deleted)
        {
            return $"deleted = {read.Deleted}, but the journal's row is a {row.Record.Kind}";
        }

        if (read.Hash is not null && read.Hash != Hex(row))
        {
            return $"hash {read.Hash}, the journal's row has {Hex(row)}";
        }

        if (read.Payload is not null && Canonical(read.Payload) != row.Record.Payload)
        {
            return $"payload {read.Payload}, the journal's row has {row.Record.Payload}";
        }

        return null;
    }

    private static string? Canonical(string json)
    {
        try
        {
            return CanonicalJson.Canonicalize(json);
        }
        catch (Exception ex) when (ex is JsonException or JsonPayloadException)
        {
            // Not JSON at all: matches no row.
            return null;
        }
    }
}
