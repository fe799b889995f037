namespace Ivr.Storage.Client.Tests;

[CollectionDefinition(Name)]
public sealed class StoreClusterCollection : ICollectionFixture<StoreClusterFixture>
{
    public const string Name = "store cluster";
}
