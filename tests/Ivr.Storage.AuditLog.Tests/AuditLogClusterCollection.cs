namespace Ivr.Storage.AuditLog.Tests;

[CollectionDefinition(Name)]
public sealed class AuditLogClusterCollection : ICollectionFixture<AuditLogClusterFixture>
{
    public const string Name = "audit log cluster";
}
