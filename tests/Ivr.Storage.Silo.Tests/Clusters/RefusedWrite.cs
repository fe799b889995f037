namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>An attempt the store refused and the writer repeated with the same idempotency key; <see cref="StartedAt"/> is on the load's clock.</summary>
internal sealed record RefusedWrite(TimeSpan StartedAt, string EntityId, int Sequence, Exception Error)
{
    public override string ToString() => $"{StartedAt:mm\\:ss\\.fff} {EntityId} #{Sequence}: {Error.GetType().Name}: {Error.Message}";
}
