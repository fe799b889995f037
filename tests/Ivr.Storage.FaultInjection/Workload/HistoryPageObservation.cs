using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// The first page of an entity's history a reader was shown. Every version on it must be a committed journal row
/// with that hash and deleted flag (checked like a current-state read), the page must hold only
/// <paramref name="Key"/>'s versions, consecutive in the order asked for, and oldest first it starts at version 1.
/// </summary>
public sealed record HistoryPageObservation(Transport Transport, EntityKey Key, bool NewestFirst, IReadOnlyList<ReadObservation> Versions);
