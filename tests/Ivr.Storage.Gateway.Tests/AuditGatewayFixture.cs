using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>The gateway over a cluster on a database of its own with the transparency log signing a head per version.</summary>
public sealed class AuditGatewayFixture : GatewayFixture
{
    public AuditGatewayFixture()
    {
        using var key = TreeHeadKeys.Generate();
        var keyFile = Path.Combine(Directory.FullName, "signing.pem");
        File.WriteAllText(keyFile, TreeHeadKeys.ExportPrivatePem(key));
        Keys.Add(key.PublicKey);
        PublicKeyPem = TreeHeadKeys.ExportPublicPem(key.PublicKey);
        PublicKeyFile = Path.Combine(Directory.FullName, "log-key.pem");
        File.WriteAllText(PublicKeyFile, PublicKeyPem);
        SiloSettings = new Dictionary<string, string?>
        {
            ["AuditLog:Enabled"] = "true",
            ["AuditLog:SigningKeyFile"] = keyFile,
            ["AuditLog:HeadDirectory"] = Path.Combine(Directory.FullName, "heads"),
            ["AuditLog:HeadEveryVersions"] = "1",
            ["AuditLog:PollInterval"] = "00:00:00.200",
        };
    }

    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ivr-audit-gateway-");

    public TreeHeadKeyRing Keys { get; } = new();

    /// <summary>The log's public key as an auditor receives it from the operator (SPKI PEM).</summary>
    public string PublicKeyPem { get; }

    /// <summary>The log's public key as auditors hold it (SPKI PEM), for <c>Console:AuditPublicKeyFiles</c>.</summary>
    public string PublicKeyFile { get; }

    protected override string? OwnDatabasePrefix => "ivr_gateway_audit";

    protected override IReadOnlyDictionary<string, string?> SiloSettings { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class AuditGatewayCollection : ICollectionFixture<AuditGatewayFixture>
{
    public const string Name = "audit gateway";
}
