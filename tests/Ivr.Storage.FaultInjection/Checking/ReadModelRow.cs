using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>One entity as the read model (<c>ivr_read.entities</c>) shows it; <paramref name="Payload"/> in canonical form.</summary>
public sealed record ReadModelRow(EntityKey Key, long Version, bool Deleted, string? Payload);
