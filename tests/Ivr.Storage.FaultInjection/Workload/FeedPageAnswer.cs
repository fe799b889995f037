using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// What one read of the change feed was answered: its changes (every entity type) and where to resume, or a failure
/// (<see cref="Changes"/> null, <see cref="Error"/> set).
/// </summary>
public sealed record FeedPageAnswer(IReadOnlyList<FeedObservation>? Changes, FeedPosition Next, string? Error);
