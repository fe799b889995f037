namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>What one history read was answered: a page, "never written" (both null), or a failure.</summary>
public sealed record HistoryAnswer(HistoryPageObservation? Page, string? Error);
