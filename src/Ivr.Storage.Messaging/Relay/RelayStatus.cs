using Ivr.Storage.Contracts;

namespace Ivr.Storage.Messaging.Relay;

/// <summary>Where a relay stands: its confirmed checkpoint, the commit time of the last version it published and its lag.</summary>
public sealed record RelayStatus(string Name, FeedPosition Position, DateTimeOffset? LastCommittedAt, double LagSeconds, long Published);
