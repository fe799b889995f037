namespace Ivr.Storage.Client.Tests;

[CollectionDefinition(Name)]
public sealed class OutageClusterCollection : ICollectionFixture<OutageClusterFixture>
{
    public const string Name = "outage cluster";
}
