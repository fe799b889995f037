namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>A write the store acknowledged: entity, the version it got, and the writer's sequence in its payload.</summary>
internal sealed record AcknowledgedWrite(string EntityId, long Version, int Sequence);
