using Ivr.Storage.Journal.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Storage.Silo.Commands;

/// <summary><c>migrate</c>: applies the embedded SQL migrations with DbUp and exits. Run it before silos start (a Kubernetes Job does).</summary>
internal static class MigrateCommand
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var builder = WebApplication.CreateSlimBuilder(args);
        var connectionString = builder.Configuration.GetConnectionString("Migrations");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("migrate: no connection string. Set ConnectionStrings:Migrations (environment variable ConnectionStrings__Migrations) to a role that owns the database.");
            return Task.FromResult(2);
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var migrator = new DatabaseMigrator(loggerFactory.CreateLogger<DatabaseMigrator>());
        try
        {
            var applied = migrator.Migrate(connectionString);
            Console.WriteLine(applied.Count == 0
                ? "migrate: the database is up to date."
                : $"migrate: applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return Task.FromResult(0);
        }
        catch (MigrationFailedException ex)
        {
            Console.Error.WriteLine($"migrate: {ex.Message}");
            return Task.FromResult(1);
        }
    }
}
