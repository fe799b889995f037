using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace Ivr.Storage.Journal.Schema;

/// <summary>
/// Applies the embedded SQL migrations (Orleans' ADO.NET scripts and the entity journal) with DbUp.
/// Applied scripts are recorded in <c>public.ivr_schema_history</c> and never run twice.
/// </summary>
public sealed class DatabaseMigrator(ILogger<DatabaseMigrator> logger)
{
    /// <summary>The table DbUp records applied scripts in.</summary>
    public const string HistoryTable = "ivr_schema_history";

    /// <summary>Names of the migrations shipped with this build, in the order they apply.</summary>
    public static IReadOnlyList<string> ShippedMigrations { get; } =
        typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Applies every migration not yet applied. Returns the names of the scripts it ran.</summary>
    /// <exception cref="MigrationFailedException">A script failed; the failing script's transaction was rolled back.</exception>
    public IReadOnlyList<string> Migrate(string connectionString)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.EndsWith(".sql", StringComparison.Ordinal))
            .JournalToPostgresqlTable("public", HistoryTable)
            .WithTransactionPerScript()
            // Orleans' scripts quote function bodies with $function$, which DbUp would take for its own variables.
            .WithVariablesDisabled()
            .LogTo(new DbUpLogger(logger))
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new MigrationFailedException(result.ErrorScript?.Name, result.Error);
        }

        return result.Scripts.Select(script => script.Name).ToArray();
    }

    private sealed class DbUpLogger(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogDebug(string format, params object[] args) => logger.LogDebug("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogInformation(string format, params object[] args) => logger.LogInformation("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(string format, params object[] args) => logger.LogError("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
