namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>Tests on the HA topology run one after another: each fault disturbs the whole cluster.</summary>
[CollectionDefinition(Name)]
public sealed class HaCollection : ICollectionFixture<HaClusterFixture>
{
    public const string Name = "high-availability";
}
