namespace Ivr.Storage.AuditLog;

/// <summary>Another writer claimed the log after this one (or moved it on): this one must stop; its extension was rolled back.</summary>
public sealed class TransparencyLogFencedException(string log, long epoch)
    : Exception($"Transparency log '{log}' was claimed by a newer writer; epoch {epoch} may no longer extend it.")
{
    public string Log { get; } = log;

    public long Epoch { get; } = epoch;
}
