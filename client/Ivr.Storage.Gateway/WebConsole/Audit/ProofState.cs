namespace Ivr.Storage.Gateway.WebConsole.Audit;

/// <summary>The outcomes of checking a version's inclusion proof.</summary>
public enum ProofState
{
    /// <summary>The proof verifies against a head whose signature verifies under a configured key.</summary>
    Included,

    /// <summary>The version is newer than the latest signed head.</summary>
    NotYetSigned,

    /// <summary>The log has signed no head: it is not running (<c>AuditLog:Enabled</c>) or has not caught up once.</summary>
    LogOff,

    /// <summary>No public key is configured (<see cref="ConsoleOptions.AuditPublicKeyFiles"/>), so nothing can be claimed.</summary>
    Unchecked,

    /// <summary>The proof or the head's signature does not verify: the evidence is wrong, whatever the store says.</summary>
    Failed,
}
