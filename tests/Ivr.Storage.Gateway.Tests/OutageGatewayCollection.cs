namespace Ivr.Storage.Gateway.Tests;

[CollectionDefinition(Name)]
public sealed class OutageGatewayCollection : ICollectionFixture<OutageGatewayFixture>
{
    public const string Name = "gateway outage";
}
