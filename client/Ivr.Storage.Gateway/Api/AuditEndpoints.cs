using Ivr.Storage.Client;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Security.Scopes;
using Ivr.Storage.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Api;

/// <summary>Signed heads and proofs of the transparency log (issue 21).</summary>
internal static class AuditEndpoints
{
    public static async Task<IResult> ProveVersionAsync(HttpContext context, IAuditLog log, string version, [FromQuery] string? treeSize, CancellationToken cancellationToken)
    {
        var size = treeSize is null ? (long?)null : QueryArguments.RequiredVersion(treeSize, "treeSize");
        var proof = await log.ProveVersionAsync(EntityRoute.Key(context), QueryArguments.RequiredVersion(version, "version"), size, cancellationToken);
        return TypedResults.Ok(VersionProofResponse.From(proof));
    }

    public static async Task<IResult> LatestHeadAsync(HttpContext context, IAuditLog log, CancellationToken cancellationToken)
    {
        RequireEveryType(context);
        return TypedResults.Ok(LogHeadResponse.From(await log.GetLatestHeadAsync(cancellationToken)));
    }

    public static async Task<IResult> ConsistencyAsync(HttpContext context, IAuditLog log, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        RequireEveryType(context);
        var proof = await log.ProveConsistencyAsync(QueryArguments.RequiredVersion(from, "from"), QueryArguments.RequiredVersion(to, "to"), cancellationToken);
        return TypedResults.Ok(ConsistencyProofResponse.Of(proof));
    }

    /// <summary>
    /// <c>GET /export?type=&amp;from=&amp;to=&amp;treeSize=</c>: scope and arguments are checked and the first page is read
    /// before the response starts, so a refusal is a problem document and nothing is streamed.
    /// </summary>
    public static async Task<IResult> ExportAsync(
        HttpContext context,
        IAuditLog log,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        [FromQuery] string? type,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? treeSize,
        CancellationToken cancellationToken)
    {
        if (type is null)
        {
            RequireEveryType(context);
        }
        else
        {
            _ = EntityKey.ForSchema(type);
            if (!EntityScopes.Allows(context.User, EntityAccess.Read, type))
            {
                throw new GatewayProblemException(StatusCodes.Status403Forbidden, "forbidden", "The caller lacks the scope for this operation",
                    $"An export of '{type}' reads its history: it needs scope '{EntityScopes.Required(EntityAccess.Read, type)}'.");
            }
        }

        var start = from is null ? 0 : QueryArguments.RequiredVersion(from, "from");
        var end = to is null ? (long?)null : QueryArguments.RequiredVersion(to, "to");
        var size = treeSize is null ? (long?)null : QueryArguments.RequiredVersion(treeSize, "treeSize");
        var pages = log.ExportAsync(type, start, end, size, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            await pages.MoveNextAsync();
        }
        catch
        {
            await pages.DisposeAsync();
            throw;
        }

        var stream = new AuditExportStream(pages, type, start, json.Value.SerializerOptions);
        return TypedResults.Stream(body => stream.WriteAsync(body, context.RequestAborted), AuditExportStream.ContentType);
    }

    /// <summary>A head's size counts the writes of every type, so heads and consistency need a read scope on every type.</summary>
    private static void RequireEveryType(HttpContext context)
    {
        if (!EntityScopes.AllowsEveryType(context.User, EntityAccess.Read))
        {
            throw new GatewayProblemException(StatusCodes.Status403Forbidden, "forbidden", "The caller lacks the scope for this operation",
                $"The transparency log spans every type: it needs scope '{EntityScopes.Required(EntityAccess.Read, "*")}' (or an admin scope covering it).");
        }
    }
}
