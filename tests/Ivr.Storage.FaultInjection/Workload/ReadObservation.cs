using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>A current state a reader was shown: it must be a committed version with that hash.</summary>
public sealed record ReadObservation(EntityKey Key, long Version, string Hash);
