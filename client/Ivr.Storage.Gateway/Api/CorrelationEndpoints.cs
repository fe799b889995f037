using System.Security.Claims;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Storage.Gateway.Api;

/// <summary>Versions by correlation id, scoped to the types the caller may read (the API's and the console's handler share this).</summary>
internal static class CorrelationEndpoints
{
    public static async Task<IResult> FindAsync(
        HttpContext context,
        ICorrelationReader reader,
        [FromQuery] string? id,
        [FromQuery] string? limit,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken)
    {
        var query = Query(context.User, id, QueryArguments.OptionalInt(limit, "limit") ?? 50, cursor);
        var page = await ReadAsync(reader, query, cancellationToken);
        var next = page.NextCursor is null
            ? null
            : $"/correlations/versions?id={Uri.EscapeDataString(query.CorrelationId)}&limit={query.PageSize}&cursor={Uri.EscapeDataString(page.NextCursor)}";
        if (next is not null)
        {
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(new CorrelatedVersionsResponse(query.CorrelationId, [.. page.Items.Select(VersionResponse.From)], page.NextCursor, next));
    }

    /// <summary>
    /// The query limited to the caller's readable types. Filtering in the database, not afterwards, keeps pages full and
    /// says nothing about other types' versions (not even how many there are).
    /// </summary>
    public static CorrelationQuery Query(ClaimsPrincipal caller, string? id, int pageSize, string? cursor)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "id", "Name the correlation id with ?id=.");
        }

        return new CorrelationQuery { CorrelationId = id, Types = ChangeFilters.ReadableTypes(caller, "id"), PageSize = pageSize, Cursor = string.IsNullOrEmpty(cursor) ? null : cursor };
    }

    /// <summary>A caller that may read no type learns nothing, without asking the cluster.</summary>
    public static Task<CorrelatedVersionsPage> ReadAsync(ICorrelationReader reader, CorrelationQuery query, CancellationToken cancellationToken) =>
        query.Types is { Count: 0 }
            ? Task.FromResult(new CorrelatedVersionsPage { Items = [] })
            : reader.FindByCorrelationAsync(query, cancellationToken);
}
