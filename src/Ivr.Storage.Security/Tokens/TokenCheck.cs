namespace Ivr.Storage.Security.Tokens;

/// <summary>The outcome of checking a caller token: the caller it proves, or why it was refused.</summary>
public readonly record struct TokenCheck(VerifiedCaller? Caller, string Refusal)
{
    public static TokenCheck Valid(VerifiedCaller caller) => new(caller, string.Empty);

    public static TokenCheck Refused(string reason) => new(null, reason);
}
