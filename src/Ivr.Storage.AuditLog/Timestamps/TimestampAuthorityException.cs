namespace Ivr.Storage.AuditLog.Timestamps;

/// <summary>
/// The timestamp authority gave no token. An <see cref="IOException"/>: like an unreachable database, the log's batch
/// is not committed and the next tick tries again, so no head is stored without the token the configuration asks for.
/// </summary>
public sealed class TimestampAuthorityException(string message, Exception? inner = null) : IOException(message, inner);
