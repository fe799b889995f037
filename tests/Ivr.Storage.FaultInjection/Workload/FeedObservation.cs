using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// One change a change-feed follower was shown, in the order it was shown: it must be a committed journal row (same
/// entity, version, hash and feed position), and each follower's positions must strictly increase.
/// </summary>
public sealed record FeedObservation(Transport Transport, EntityKey Key, long Version, FeedPosition Position, string Hash);
