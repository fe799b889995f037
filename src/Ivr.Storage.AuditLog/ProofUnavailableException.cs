namespace Ivr.Storage.AuditLog;

/// <summary>
/// Why no proof can be given: the version is not in the log (yet) or not in that head (<see cref="Field"/> null), or the
/// size named by <see cref="Field"/> (<c>treeSize</c>, <c>from</c>, <c>to</c>) has no signed head or is out of range.
/// </summary>
public sealed class ProofUnavailableException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
