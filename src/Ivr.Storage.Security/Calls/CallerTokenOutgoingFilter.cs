using Ivr.Storage.Security.Tokens;

namespace Ivr.Storage.Security.Calls;

/// <summary>
/// Puts this process's caller token on every grain call it makes, replacing whatever the request context held:
/// a client speaks only as itself, and a silo's own calls (timers, hosted services, grain-to-grain) speak as the
/// silo, whose callers were checked where their calls entered the cluster.
/// </summary>
internal sealed class CallerTokenOutgoingFilter(CallerTokenIssuer issuer) : IOutgoingGrainCallFilter
{
    // async, so that the token set here flows into the call but does not stay in the caller's request context.
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        RequestContext.Set(CallerToken.RequestContextKey, issuer.Current);
        await context.Invoke();
    }
}
