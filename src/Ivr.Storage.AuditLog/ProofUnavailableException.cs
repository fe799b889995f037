namespace Ivr.Storage.AuditLog;

/// <summary>Why no proof can be given: the version is not in the log (yet), or no head of that size was signed.</summary>
public sealed class ProofUnavailableException(string message) : Exception(message);
