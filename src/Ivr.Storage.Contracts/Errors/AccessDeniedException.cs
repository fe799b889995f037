namespace Ivr.Storage.Contracts;

/// <summary>
/// The cluster refused the call: it carried no valid caller token, the caller is not configured on the silos, its
/// scopes do not cover the operation, or it tried to write under another caller's name. Nothing was done.
/// </summary>
[GenerateSerializer, Alias("ivr.AccessDeniedException")]
public sealed class AccessDeniedException : EntityStoreException
{
    public AccessDeniedException(string? caller, string reason, string? requiredScope = null)
        : base($"Access denied to {(caller is null ? "an unauthenticated caller" : $"caller '{caller}'")}: {reason}.")
    {
        Caller = caller;
        Reason = reason;
        RequiredScope = requiredScope;
    }

    /// <summary>The verified caller, or null when the call proved no identity.</summary>
    [Id(0)] public string? Caller { get; private set; }

    /// <summary>Why the call was refused.</summary>
    [Id(1)] public string Reason { get; private set; }

    /// <summary>The scope that would have allowed the call, when a scope was missing.</summary>
    [Id(2)] public string? RequiredScope { get; private set; }
}
