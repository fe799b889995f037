using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Security;

/// <summary>
/// Records the verified caller as the actor of a write: the write's options are replaced before the grain sees
/// them. Only a caller that may act for others (the HTTP gateway) keeps the actor it names.
/// </summary>
internal static class ActorStamp
{
    /// <summary>Stamps the call's write options; returns the actor the caller tried to pose as, if it may not.</summary>
    public static string? Apply(IIncomingGrainCallContext context, string caller, bool mayActFor)
    {
        var request = context.Request;
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            if (request.GetArgument(i) is not WriteOptions options)
            {
                continue;
            }

            var actor = options.Provenance.Actor;
            if (actor is not null && (mayActFor || actor == caller))
            {
                continue;
            }

            if (actor is not null)
            {
                return actor;
            }

            request.SetArgument(i, options with { Provenance = options.Provenance with { Actor = caller } });
        }

        return null;
    }
}
