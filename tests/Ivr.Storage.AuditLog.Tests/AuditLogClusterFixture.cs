using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>A one-silo cluster on a database of its own with the transparency log enabled: a key file and a head directory of its own.</summary>
public sealed class AuditLogClusterFixture : EntityClusterFixture
{
    private TestDatabase? _database;

    public TestDatabase Database => _database!;

    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ivr-audit-cluster-");

    public string HeadDirectory => Path.Combine(Directory.FullName, "heads");

    public TreeHeadKeyRing Keys { get; } = new();

    protected override string JournalConnectionString => Database.JournalConnectionString;

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        using var key = TreeHeadKeys.Generate();
        var keyFile = Path.Combine(Directory.FullName, "signing.pem");
        File.WriteAllText(keyFile, TreeHeadKeys.ExportPrivatePem(key));
        Keys.Add(key.PublicKey);
        silo.Services.Configure<AuditLogOptions>(options =>
        {
            options.Enabled = true;
            options.SigningKeyFile = keyFile;
            options.HeadDirectory = HeadDirectory;
            options.ConnectionString = Database.JournalConnectionString;
            options.HeadEveryVersions = 1;
            options.PollInterval = TimeSpan.FromMilliseconds(200);
        });
    }

    public override async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        _database = await TestDatabase.CreateAsync("ivr_audit_cluster", fakeClock: true);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(recursive: true);
    }
}
