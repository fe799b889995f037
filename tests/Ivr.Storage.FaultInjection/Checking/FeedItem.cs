using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>One change as the change feed delivered it.</summary>
public sealed record FeedItem(EntityKey Key, long Version, FeedPosition Position);
