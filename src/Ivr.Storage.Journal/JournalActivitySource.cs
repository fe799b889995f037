namespace Ivr.Storage.Journal;

/// <summary>The journal's spans (the group commit, parent of its Npgsql statement).</summary>
public static class JournalActivitySource
{
    /// <summary>Name of the activity source, for OpenTelemetry registration.</summary>
    public const string Name = "Ivr.Storage.Journal";
}
