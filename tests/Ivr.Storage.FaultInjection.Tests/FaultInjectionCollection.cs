namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>The scenarios share one cluster and run one after another (faults would disturb each other).</summary>
[CollectionDefinition(Name)]
public sealed class FaultInjectionCollection : ICollectionFixture<FaultClusterFixture>
{
    public const string Name = "fault-injection";
}
