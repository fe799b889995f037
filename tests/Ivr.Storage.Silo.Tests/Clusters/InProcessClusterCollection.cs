namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// The in-process multi-silo tests run one after the other: each starts two or three silos and a write load, and on
/// two cores two of them side by side would mostly measure each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessClusterCollection
{
    public const string Name = "in-process multi-silo clusters";
}
