namespace Ivr.Storage.Grains.Security;

/// <summary>One caller the silos accept (configuration <c>Security:Callers</c>): its certificate's name and what it may do.</summary>
public sealed class CallerAccess
{
    /// <summary>The common name of the caller's certificate, e.g. <c>ivr-server</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Scopes in the gateway's grammar: <c>entities:read:call-session</c>, <c>entities:write:call-*</c>, <c>entities:admin:*</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// Whether the caller may write on behalf of others: it names the actor of each write (the HTTP gateway, which
    /// authenticated the person or service itself). Any other caller is always recorded as the actor of its writes.
    /// The default value is false.
    /// </summary>
    public bool MayActFor { get; set; }
}
