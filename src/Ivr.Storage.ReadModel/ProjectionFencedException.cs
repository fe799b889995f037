namespace Ivr.Storage.ReadModel;

/// <summary>Another instance claimed the projection after this one: this instance must stop; its batch was rolled back.</summary>
public sealed class ProjectionFencedException(string projection, long epoch)
    : Exception($"Projection '{projection}' was claimed by a newer instance; epoch {epoch} may no longer write.")
{
    public string Projection { get; } = projection;

    public long Epoch { get; } = epoch;
}
