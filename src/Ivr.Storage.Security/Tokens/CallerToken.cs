namespace Ivr.Storage.Security.Tokens;

/// <summary>
/// The caller token travels in each grain call's request context under <see cref="RequestContextKey"/>. Orleans does
/// not tell a grain which connection (and so which TLS certificate) a call came through, and a call may be forwarded
/// between silos; the token, signed with the caller's own certificate key, carries the identity end to end.
/// </summary>
public static class CallerToken
{
    /// <summary>Request-context key of the token (a compact JWS, ES256 or RS256, with the signer's certificate in <c>x5c</c>).</summary>
    public const string RequestContextKey = "ivr-caller";

    /// <summary>Longest lifetime a token may claim; anything longer is refused as not short-lived.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    /// <summary>Clock difference tolerated between the signer and the silo that checks the token.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);
}
