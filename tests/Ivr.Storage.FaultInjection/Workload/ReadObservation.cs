using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// A current state a reader was shown: it must be a committed version, with that hash (the Orleans client reports
/// it), that payload (the gateway returns the payload but no hash) and that deleted flag.
/// </summary>
/// <param name="Payload">The payload as the gateway sent it (null when the reader was shown a hash instead, or a tombstone).</param>
public sealed record ReadObservation(EntityKey Key, long Version, string? Hash, bool Deleted = false, string? Payload = null);
