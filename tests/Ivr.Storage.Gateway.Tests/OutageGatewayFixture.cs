namespace Ivr.Storage.Gateway.Tests;

/// <summary>A gateway over a cluster of its own, because these tests stop every silo.</summary>
public sealed class OutageGatewayFixture : GatewayFixture;
