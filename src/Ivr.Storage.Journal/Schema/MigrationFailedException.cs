namespace Ivr.Storage.Journal.Schema;

/// <summary>A migration script failed; its transaction was rolled back and later scripts did not run.</summary>
public sealed class MigrationFailedException(string? scriptName, Exception? innerException)
    : Exception($"Migration '{scriptName ?? "(unknown)"}' failed: {innerException?.Message}", innerException)
{
    /// <summary>The embedded resource name of the failing script.</summary>
    public string? ScriptName { get; } = scriptName;
}
