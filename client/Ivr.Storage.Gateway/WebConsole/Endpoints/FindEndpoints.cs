using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Gateway.WebConsole.Components;
using Ivr.Storage.Security.Scopes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>Find: the types the caller may read with their counts, a type's entities (read-model filters, keyset pages), go to type/id.</summary>
internal static class FindEndpoints
{
    public static async Task<IResult> TypesAsync(HttpContext context, IReadModel readModel, CancellationToken cancellationToken)
    {
        var statistics = await readModel.GetStatisticsAsync(cancellationToken: cancellationToken);
        // As /query/statistics: every count belongs to one type, so filtering by read scope is exact.
        var counts = statistics.EntitiesByType
            .Where(pair => EntityScopes.Allows(context.User, EntityAccess.Read, pair.Key))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();
        return ConsolePages.Page<FindPage>(new Dictionary<string, object?>
        {
            [nameof(FindPage.User)] = context.User.Identity?.Name,
            [nameof(FindPage.Counts)] = counts,
            [nameof(FindPage.Position)] = statistics.Position.ToString(),
        });
    }

    public static async Task<IResult> ListAsync(
        HttpContext context,
        IReadModel readModel,
        IOptions<ConsoleOptions> options,
        string type,
        [FromQuery] string? contains,
        [FromQuery] string? order,
        [FromQuery] string? cursor,
        [FromQuery] string? includeDeleted,
        CancellationToken cancellationToken)
    {
        var query = new EntityListQuery
        {
            Type = type,
            Contains = string.IsNullOrWhiteSpace(contains) ? null : QueryArguments.OptionalJsonObject(contains, "contains"),
            OldestFirst = QueryArguments.OldestFirst(order),
            PageSize = options.Value.ListPageSize,
            Cursor = string.IsNullOrEmpty(cursor) ? null : cursor,
            IncludeDeleted = QueryArguments.OptionalBool(includeDeleted, "includeDeleted"),
        };
        var page = await readModel.ListAsync(query, cancellationToken);
        return ConsolePages.Page<TypePage>(new Dictionary<string, object?>
        {
            [nameof(TypePage.User)] = context.User.Identity?.Name,
            [nameof(TypePage.Query)] = query,
            [nameof(TypePage.Page)] = page,
        });
    }

    /// <summary>"Go to type/id": a redirect to the entity's pasteable URL, the id percent-encoded (slashes included).</summary>
    public static IResult Go([FromQuery] string? type, [FromQuery] string? id)
    {
        var key = EntityKey.Create(type ?? string.Empty, id ?? string.Empty);
        return TypedResults.Redirect(ConsoleUrls.Entity(key));
    }
}
