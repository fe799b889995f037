using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>One row of <c>ivr.journal</c> as read back by the checker, with its change-feed position.</summary>
public sealed record JournalRow(JournalRecord Record, FeedPosition Position)
{
    /// <summary>The request id the payload carries (<c>"req"</c>), if any.</summary>
    public string? PayloadRequestId { get; init; }
}
