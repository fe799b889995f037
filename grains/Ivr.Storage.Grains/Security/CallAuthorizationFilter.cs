using Ivr.Storage.Contracts;
using Ivr.Storage.Security.Certificates;
using Ivr.Storage.Security.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Security;

/// <summary>
/// Every grain call entering a grain or system target on this silo must carry a valid caller token. A silo's token
/// allows anything (the cluster's own calls, and calls its grains make after their caller was checked here); a
/// caller's token allows what <see cref="CallPolicy"/> requires and its configured scopes grant, and its writes are
/// recorded under its own name (<see cref="ActorStamp"/>). Refusals are <see cref="AccessDeniedException"/>.
/// </summary>
internal sealed partial class CallAuthorizationFilter(
    CallerTokenValidator tokens,
    IOptionsMonitor<CallerAccessOptions> callers,
    IOptions<CallPolicyOptions> policy,
    ILogger<CallAuthorizationFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var token = RequestContext.Get(CallerToken.RequestContextKey) as string;
        if (token is null && CallPolicy.IsRuntimeTick(context))
        {
            // Timer ticks are raised inside the silo, not sent by anyone; one a client forged would only fire a timer early.
            await context.Invoke();
            return;
        }

        var check = await tokens.ValidateAsync(token);
        if (check.Caller is not { } caller)
        {
            throw Refuse(context, null, check.Refusal);
        }

        if (caller.Role == CertificateRole.Silo)
        {
            await context.Invoke();
            return;
        }

        var access = callers.CurrentValue.Find(caller.Name)
            ?? throw Refuse(context, caller.Name, "it is not a configured caller (Security:Callers)");
        if (!policy.Value.OpenInterfaces.Contains(context.InterfaceMethod.DeclaringType!.FullName!)
            && CallPolicy.For(context) is { } requirement && !requirement.IsMetBy(access.Scopes))
        {
            throw requirement.Refusal is { } refusal
                ? Refuse(context, caller.Name, refusal)
                : Refuse(context, caller.Name, $"its scopes do not grant {requirement.RequiredScope}", requirement.RequiredScope);
        }

        if (ActorStamp.Apply(context, caller.Name, access.MayActFor) is { } posedAs)
        {
            throw Refuse(context, caller.Name, $"it may not write as '{posedAs}' (only callers configured with MayActFor name another actor)");
        }

        await context.Invoke();
    }

    private AccessDeniedException Refuse(IIncomingGrainCallContext context, string? caller, string reason, string? requiredScope = null)
    {
        LogRefused(logger, caller ?? "(none)", context.InterfaceName, context.MethodName, reason);
        return new AccessDeniedException(caller, reason, requiredScope);
    }

    // Interface and method only: grain keys hold entity ids, which may be personal data.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call of {Caller} to {Interface}.{Method}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string caller, string @interface, string method, string reason);
}
