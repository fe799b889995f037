using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;

namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>
/// What a fault scenario must hold, checked against the final journal: no acknowledged write lost (RPO 0), every entity's
/// versions 1..n without gap or duplicate, and no version the feed showed absent or different (no fork seen). RTO: the
/// longest time without any acknowledged write from the fault on.
/// </summary>
internal sealed record FailoverVerdict(int Lost, int Forked, int Gaps, int Acknowledged, int Shown, int Failures, TimeSpan Rto)
{
    public static async Task<FailoverVerdict> CheckAsync(PostgresEntityJournal journal, FailoverWorkload workload, long faultAt)
    {
        var final = new Dictionary<(string Id, long Version), byte[]>();
        var gaps = 0;
        foreach (var id in workload.Acknowledged.Select(r => r.Key.Id).Distinct())
        {
            var page = await journal.ReadPageAsync(EntityKey.Create(workload.Type, id), 0, 100_000, descending: false, includePayloads: false);
            for (var i = 0; i < page.Records.Count; i++)
            {
                gaps += page.Records[i].Version == i + 1 ? 0 : 1;
                final[(id, page.Records[i].Version)] = page.Records[i].Hash;
            }
        }

        bool Holds(JournalRecord r) => final.TryGetValue((r.Key.Id, r.Version), out var hash) && hash.AsSpan().SequenceEqual(r.Hash);
        // The longest stretch without any acknowledgement, from the fault on: the outage writers saw.
        var acks = workload.AckTimestamps.Where(t => t > faultAt).Order().Prepend(faultAt).ToList();
        var longest = acks.Count < 2 ? TimeSpan.MaxValue : acks.Zip(acks.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b)).Max();
        return new FailoverVerdict(
            Lost: workload.Acknowledged.Count(r => !Holds(r)),
            Forked: workload.Shown.Count(e => !Holds(e.Record)),
            Gaps: gaps,
            Acknowledged: workload.Acknowledged.Count,
            Shown: workload.Shown.Count,
            Failures: workload.Failures,
            Rto: longest);
    }
}
