using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Hashing;

namespace Ivr.Storage.Testing;

/// <summary>Correctly hashed journal records, for tests that write the journal directly.</summary>
public static class TestChains
{
    /// <summary>The record following <paramref name="previous"/> (or version 1).</summary>
    public static JournalRecord Next(EntityKey key, JournalRecord? previous, string? payload = """{"n":1}""", string? idempotencyKey = null, ChangeKind kind = ChangeKind.Put)
    {
        var record = new JournalRecord
        {
            Key = key,
            Version = (previous?.Version ?? 0) + 1,
            Kind = kind,
            Payload = payload,
            CommittedAt = CommitClock.Next(TimeProvider.System, previous?.CommittedAt),
            Provenance = new Provenance { Source = "journal-tests" },
            IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : new byte[32],
            PreviousHash = previous?.Hash ?? ChainHash.Genesis.ToArray(),
            Hash = [],
        };
        return record with { Hash = ChainHash.Compute(record) };
    }

    /// <summary>A chain of <paramref name="count"/> versions with payloads <c>{"n":i}</c>, hashed but not written.</summary>
    public static List<JournalRecord> Chain(EntityKey key, int count)
    {
        var records = new List<JournalRecord>(count);
        JournalRecord? previous = null;
        for (var i = 1; i <= count; i++)
        {
            previous = Next(key, previous, $$"""{"n":{{i}}}""");
            records.Add(previous);
        }

        return records;
    }

    /// <summary>Appends records concurrently in slices (group commit batches them) and checks every one committed.</summary>
    public static async Task AppendAllAsync(IEntityJournal journal, IReadOnlyList<JournalRecord> records, int concurrency = 256)
    {
        for (var start = 0; start < records.Count; start += concurrency)
        {
            var slice = records.Skip(start).Take(concurrency).Select(r => journal.AppendAsync(r));
            foreach (var outcome in await Task.WhenAll(slice))
            {
                if (outcome is not AppendOutcome.Committed)
                {
                    throw new InvalidOperationException($"Test setup: an append was not committed ({outcome}).");
                }
            }
        }
    }
}
