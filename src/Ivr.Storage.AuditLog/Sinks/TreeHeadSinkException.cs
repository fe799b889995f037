namespace Ivr.Storage.AuditLog.Sinks;

/// <summary>
/// A sink could not take a head: unreachable, refused, or (a conflict) it already holds a different head of that size.
/// An <see cref="IOException"/>, so the writer's tick logs it and retries; the head stays committed in the database.
/// </summary>
public sealed class TreeHeadSinkException(string message, Exception? inner = null) : IOException(message, inner);
